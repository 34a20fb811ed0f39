import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

/**
 * A member's own plan: one safety plan and one recovery plan each. What it says lives in its
 * versions; the plan row only says whose it is and which version is the latest.
 */
export const plans = pgTable(
	'plans',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['safety', 'recovery'] }).notNull(),
		latestVersion: integer('latest_version').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('plans_site_user_kind').on(t.siteId, t.userId, t.kind)]
);

/**
 * Every save of a plan is a new version, never an update: earlier versions stay readable. The
 * sections are one JSON object encrypted at rest (plan-text.ts); `editedBy` is whoever saved it
 * (the member, or a professional the member shared their safety plan with).
 */
export const planVersions = pgTable(
	'plan_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		bodyEncrypted: text('body_encrypted').notNull(),
		editedBy: text('edited_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('plan_versions_plan_version').on(t.planId, t.version)]
);

/** A plan shared with a named supporter; revoking sets revokedAt and ends their view at once. */
export const planShares = pgTable(
	'plan_shares',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		sharedWithUserId: text('shared_with_user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('plan_shares_plan_user').on(t.planId, t.sharedWithUserId),
		index('plan_shares_user').on(t.sharedWithUserId)
	]
);
