import {
	date,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { lessons } from '../courses/courses.schema';

/** A personal recovery goal in the member's own words (IMR module 1). Private unless shared. */
export const goals = pgTable(
	'goals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		status: text('status', { enum: ['active', 'achieved', 'set_aside'] })
			.notNull()
			.default('active'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('goals_user').on(t.userId)]
);

/**
 * A small SMART step towards a goal. A lesson's home assignment arrives as a `proposed` step the
 * member can accept (possibly changed) or decline.
 */
export const goalSteps = pgTable(
	'goal_steps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goals.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		targetDate: date('target_date'),
		position: integer('position').notNull(),
		status: text('status', { enum: ['proposed', 'open', 'done', 'declined'] }).notNull(),
		fromLessonId: uuid('from_lesson_id').references(() => lessons.id, { onDelete: 'set null' }),
		doneAt: timestamp('done_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('goal_steps_goal').on(t.goalId)]
);

/** A goal shared with a named supporter; revoking sets revokedAt and ends their view at once. */
export const goalShares = pgTable(
	'goal_shares',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goals.id, { onDelete: 'cascade' }),
		sharedWithUserId: text('shared_with_user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('goal_shares_goal_user').on(t.goalId, t.sharedWithUserId)]
);
