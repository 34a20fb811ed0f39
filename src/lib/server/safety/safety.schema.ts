import {
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { groups } from '../groups/groups.schema';

/** A member hides another member's messages and posts from themselves in peer spaces. */
export const memberBlocks = pgTable(
	'member_blocks',
	{
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		blockerId: text('blocker_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		blockedId: text('blocked_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.siteId, t.blockerId, t.blockedId] })]
);

/** The site's editable list of phrases that suggest risk of harm, per language. */
export const riskPhrases = pgTable(
	'risk_phrases',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		locale: text('locale').notNull(),
		phrase: text('phrase').notNull(),
		createdBy: text('created_by').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('risk_phrases_site_phrase').on(t.siteId, t.locale, t.phrase)]
);

/**
 * One safety alert: a risk signal about a person (a risk phrase on a board or in a live room, a
 * check-in answer that meets an alert rule, later a 1:1 message) that asks people to check on
 * them. Care comes first; the content it came from is moderated from the alert only on purpose.
 */
export const safetyAlerts = pgTable(
	'safety_alerts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		/** Who the alert is about. */
		personId: text('person_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		source: text('source', { enum: ['board', 'room', 'checkin', 'message'] }).notNull(),
		/** The post, message or questionnaire response the signal came from. */
		sourceId: text('source_id').notNull(),
		groupId: uuid('group_id').references(() => groups.id),
		reason: text('reason', { enum: ['risk_phrase', 'answer_rule'] }).notNull(),
		status: text('status', { enum: ['open', 'acknowledged', 'closed'] })
			.notNull()
			.default('open'),
		/** Acknowledge by this time, or the alert escalates. */
		dueBy: timestamp('due_by', { withTimezone: true }).notNull(),
		/** 0 as raised; 1 once escalated to the on-call list and the site's admins. */
		escalationLevel: integer('escalation_level').notNull().default(0),
		outcome: text('outcome', {
			enum: ['safe', 'supported', 'referred', 'emergency', 'not_reached', 'no_concern']
		}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
		acknowledgedBy: text('acknowledged_by').references(() => user.id),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		closedBy: text('closed_by').references(() => user.id)
	},
	(t) => [
		unique('safety_alerts_source').on(t.siteId, t.source, t.sourceId),
		index('safety_alerts_queue').on(t.siteId, t.status, t.createdAt)
	]
);

/** Who is responsible for an alert, and why; escalation adds people at a higher level. */
export const safetyAlertPeople = pgTable(
	'safety_alert_people',
	{
		alertId: uuid('alert_id')
			.notNull()
			.references(() => safetyAlerts.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		why: text('why', {
			enum: ['facilitator', 'professional', 'on_call', 'site_admin', 'told']
		}).notNull(),
		level: integer('level').notNull().default(0),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.alertId, t.userId] }),
		index('safety_alert_people_user').on(t.userId)
	]
);

export const safetyEventKinds = [
	'raised',
	'escalated',
	'acknowledged',
	'reached_out',
	'shared_resources',
	'told_facilitator',
	'welfare_check',
	'moderated',
	'closed'
] as const;
export type SafetyEventKind = (typeof safetyEventKinds)[number];

/** Every step taken on an alert, with who and when; a note is encrypted at rest. */
export const safetyAlertEvents = pgTable(
	'safety_alert_events',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		alertId: uuid('alert_id')
			.notNull()
			.references(() => safetyAlerts.id, { onDelete: 'cascade' }),
		actorId: text('actor_id').references(() => user.id),
		kind: text('kind', { enum: safetyEventKinds }).notNull(),
		/** A welfare check's or closing's outcome code. */
		outcome: text('outcome'),
		noteEncrypted: text('note_encrypted'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('safety_alert_events_alert').on(t.alertId, t.createdAt)]
);

/** The site's on-call list: staff who receive safety alerts nobody else holds, and escalations. */
export const safetyOnCall = pgTable(
	'safety_on_call',
	{
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		addedBy: text('added_by').references(() => user.id),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.siteId, t.userId] })]
);

/** A site's safety-alert settings (a site without a row uses the defaults). */
export const safetySettings = pgTable('safety_settings', {
	siteId: uuid('site_id')
		.primaryKey()
		.references(() => sites.id),
	/** Minutes to acknowledge an alert before it escalates. */
	ackMinutes: integer('ack_minutes').notNull().default(30),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type SafetyAlert = typeof safetyAlerts.$inferSelect;
