import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';

export const jobStates = ['pending', 'running', 'done', 'dead', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

/**
 * Timed work kept in the database (scheduler/, decision 0010): a job runs at or after `runAt`,
 * once per (kind, key). A claim sets `lockedUntil`; a worker that dies leaves the lease to run
 * out, and the job is claimed again. A job that fails `maxAttempts` times is `dead` until an
 * operator or a site admin retries it.
 */
export const jobs = pgTable(
	'jobs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind').notNull(),
		key: text('key').notNull(),
		/** The site the work is for, if one: its admins see its dead jobs. */
		siteId: uuid('site_id').references(() => sites.id, { onDelete: 'cascade' }),
		/** Ids only, never personal data. */
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		state: text('state', { enum: jobStates }).notNull().default('pending'),
		runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		lockedBy: text('locked_by'),
		lastError: text('last_error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(t) => [
		unique('jobs_kind_key').on(t.kind, t.key),
		index('jobs_due').on(t.state, t.runAt),
		index('jobs_site_state').on(t.siteId, t.state)
	]
);
export type Job = typeof jobs.$inferSelect;
