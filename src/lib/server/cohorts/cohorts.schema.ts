import {
	boolean,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { courseModules, courses } from '../courses/courses.schema';

/**
 * A facilitated run of a course (IMR style): individual or a group (fidelity: at most 8), weekly
 * sessions, led by a professional or peer worker, optionally with a co-facilitator.
 */
export const cohorts = pgTable(
	'cohorts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id),
		name: text('name').notNull(),
		mode: text('mode', { enum: ['group', 'individual'] }).notNull(),
		capacity: integer('capacity').notNull().default(8),
		facilitatorId: text('facilitator_id')
			.notNull()
			.references(() => user.id),
		coFacilitatorId: text('co_facilitator_id').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [index('cohorts_site').on(t.siteId)]
);

export const cohortMembers = pgTable(
	'cohort_members',
	{
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.userId] })]
);

/** One weekly session, run with the IMR structure: review, teach a module, agree the next step. */
export const cohortSessions = pgTable(
	'cohort_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
		moduleId: uuid('module_id').references(() => courseModules.id),
		status: text('status', { enum: ['scheduled', 'held', 'cancelled'] })
			.notNull()
			.default('scheduled'),
		/** Short session note; facilitators of the cohort only. */
		note: text('note'),
		handoutsGiven: boolean('handouts_given').notNull().default(false),
		significantOthersInvolved: boolean('significant_others_involved').notNull().default(false),
		heldAt: timestamp('held_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('cohort_sessions_cohort').on(t.cohortId, t.scheduledAt)]
);

/** Per participant and session: present or not, goals and home assignment reviewed, next step. */
export const sessionParticipation = pgTable(
	'session_participation',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => cohortSessions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		present: boolean('present').notNull(),
		goalsReviewed: boolean('goals_reviewed').notNull().default(false),
		assignmentReviewed: boolean('assignment_reviewed').notNull().default(false),
		nextAssignment: text('next_assignment')
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] })]
);
