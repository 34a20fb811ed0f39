import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { groupProgrammes } from '../programmes/programmes.schema';

/** One run of a programme: two peer co-facilitators (a professional may join), a capacity. */
export const groups = pgTable(
	'groups',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => groupProgrammes.id),
		name: text('name').notNull(),
		/** The language the group is held in; programme texts are shown in it. */
		locale: text('locale').notNull(),
		capacity: integer('capacity').notNull().default(10),
		enrolment: text('enrolment', { enum: ['open', 'request', 'invitation'] })
			.notNull()
			.default('open'),
		/** Seconds a member waits between board posts; 0 is off. Set by facilitators/moderators. */
		boardSlowModeSeconds: integer('board_slow_mode_seconds').notNull().default(0),
		createdBy: text('created_by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [index('groups_site').on(t.siteId)]
);

export const groupFacilitators = pgTable(
	'group_facilitators',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['peer', 'professional'] }).notNull(),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.groupId, t.userId] })]
);

/**
 * A person's place in a group. Only `member` may read and post; `removed` loses access at once
 * (live connections included). `mutedUntil` stops posting without removing.
 */
export const groupMembers = pgTable(
	'group_members',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		status: text('status', {
			enum: ['member', 'waitlisted', 'requested', 'invited', 'declined', 'left', 'removed']
		}).notNull(),
		agreementAcceptedAt: timestamp('agreement_accepted_at', { withTimezone: true }),
		mutedUntil: timestamp('muted_until', { withTimezone: true }),
		remindersInApp: boolean('reminders_in_app').notNull().default(true),
		remindersEmail: boolean('reminders_email').notNull().default(true),
		/** Secret for the personal .ics calendar feed; rotated when the person asks. */
		calendarToken: text('calendar_token').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.groupId, t.userId] }),
		index('group_members_user').on(t.userId),
		unique('group_members_calendar').on(t.calendarToken)
	]
);

/** A scheduled session; times are instants (UTC), shown in the site's and each person's zone. */
export const groupSessions = pgTable(
	'group_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		/** The programme session (theme) it covers; null for an ongoing group. */
		number: integer('number'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		delivery: text('delivery', { enum: ['live', 'in_person', 'video'] }).notNull(),
		place: text('place'),
		videoUrl: text('video_url'),
		status: text('status', { enum: ['scheduled', 'open', 'closed', 'cancelled'] })
			.notNull()
			.default('scheduled'),
		/** Agenda pinned by facilitators in the live room. */
		agenda: text('agenda'),
		/** Facilitator-controlled timer in the live room. */
		timerEndsAt: timestamp('timer_ends_at', { withTimezone: true }),
		slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('group_sessions_group').on(t.groupId, t.startsAt)]
);

/** Attendance per session: automatic for live rooms, recorded by hand for in-person sessions. */
export const groupAttendance = pgTable(
	'group_attendance',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSessions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		present: boolean('present').notNull(),
		source: text('source', { enum: ['live', 'manual'] }).notNull(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] })]
);

/** The facilitators' short log of a session: theme covered, fidelity checklist, incidents. */
export const groupSessionLogs = pgTable('group_session_logs', {
	sessionId: uuid('session_id')
		.primaryKey()
		.references(() => groupSessions.id, { onDelete: 'cascade' }),
	themeCovered: boolean('theme_covered').notNull(),
	/** Fidelity item key → done. */
	checklist: jsonb('checklist').$type<Record<string, boolean>>().notNull().default({}),
	incidents: text('incidents'),
	note: text('note'),
	recordedBy: text('recorded_by')
		.notNull()
		.references(() => user.id),
	recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
});

/** Every reminder Kith sent (in-app or email), so a missed one can be traced. */
export const reminderDeliveries = pgTable(
	'reminder_deliveries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSessions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		channel: text('channel', { enum: ['in_app', 'email'] }).notNull(),
		status: text('status', { enum: ['sent', 'failed'] }).notNull(),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [unique('reminder_deliveries_once').on(t.sessionId, t.userId, t.channel)]
);
