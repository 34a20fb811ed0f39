import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

/** What a supporter is to a member: the assigned professional is one of the first two. */
export const careRoles = ['care_coordinator', 'counsellor', 'peer_worker'] as const;
export type CareRole = (typeof careRoles)[number];
export const professionalCareRoles = ['care_coordinator', 'counsellor'] as const;

/** Why an assignment ended: a category only, never free text (several roles read it). */
export const careEndReasons = [
	'member_request',
	'staff_change',
	'workload',
	'leave',
	'discharge',
	'other'
] as const;
export type CareEndReason = (typeof careEndReasons)[number];

/**
 * A supporter assigned to a member on one site, from a day to a day. Rows are never deleted or
 * reopened: a hand-over ends the current row (endedOn, reason, who) and starts a new one, so the
 * history of who supported whom stays whole. A member has at most one current professional
 * (care coordinator or counsellor) per site, and a peer worker at most once at a time.
 */
export const careTeamAssignments = pgTable(
	'care_team_assignments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		memberId: text('member_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		supporterId: text('supporter_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: careRoles }).notNull(),
		/** The first day on the team, on the site's calendar. */
		startedOn: date('started_on', { mode: 'string' }).notNull(),
		/** The day the assignment ended (the next one starts that day); null while current. */
		endedOn: date('ended_on', { mode: 'string' }),
		endReason: text('end_reason', { enum: careEndReasons }),
		assignedBy: text('assigned_by').references(() => user.id, { onDelete: 'set null' }),
		endedBy: text('ended_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [
		index('care_team_assignments_member').on(t.siteId, t.memberId),
		index('care_team_assignments_supporter').on(t.siteId, t.supporterId),
		uniqueIndex('care_team_one_professional')
			.on(t.siteId, t.memberId)
			.where(sql`${t.endedOn} is null and ${t.role} <> 'peer_worker'`),
		uniqueIndex('care_team_one_peer_each')
			.on(t.siteId, t.memberId, t.supporterId)
			.where(sql`${t.endedOn} is null and ${t.role} = 'peer_worker'`)
	]
);

export const careRequestStatuses = ['open', 'changed', 'kept'] as const;
export type CareRequestStatus = (typeof careRequestStatuses)[number];

/**
 * A member asking for a change to their care team; the site admin answers it. The member's words
 * and the answer are encrypted at rest (`crypto/encrypt.ts`), like reflections.
 */
export const careTeamRequests = pgTable(
	'care_team_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		memberId: text('member_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** The supporter the request is about; null for the team as a whole. */
		aboutId: text('about_id').references(() => user.id, { onDelete: 'set null' }),
		reasonEncrypted: text('reason_encrypted'),
		status: text('status', { enum: careRequestStatuses }).notNull().default('open'),
		answerEncrypted: text('answer_encrypted'),
		answeredBy: text('answered_by').references(() => user.id, { onDelete: 'set null' }),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('care_team_requests_site_status').on(t.siteId, t.status, t.memberId)]
);
