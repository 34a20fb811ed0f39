import {
	bigint,
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

/** What one language version of a programme says: its sessions' themes, guides and agreement. */
export type ProgrammeContent = {
	title: string;
	summary: string;
	/** The group agreement members accept before they can post (Markdown). */
	agreement: string;
	/** Items facilitators tick in each session log (programme fidelity). */
	fidelityItems: { key: string; label: string }[];
	/** One per session for a course; empty for an ongoing group. */
	sessions: { number: number; theme: string; guide: string }[];
};

/**
 * A group programme (PEER-style course of numbered sessions, or an ongoing UPSIDES-style group
 * with a rhythm). Its texts are versioned per language in programme_versions, like lessons.
 */
export const groupProgrammes = pgTable(
	'group_programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		slug: text('slug').notNull(),
		kind: text('kind', { enum: ['course', 'ongoing'] }).notNull(),
		/** Number of sessions of a course; null for an ongoing group. */
		sessionCount: integer('session_count'),
		rhythm: text('rhythm', { enum: ['weekly', 'fortnightly', 'monthly'] })
			.notNull()
			.default('weekly'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('group_programmes_site_slug').on(t.siteId, t.slug)]
);

export const programmeVersions = pgTable(
	'programme_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => groupProgrammes.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		version: integer('version').notNull(),
		status: text('status', { enum: ['draft', 'published'] }).notNull(),
		/** The source file (front matter + Markdown), kept for export and history. */
		source: text('source').notNull(),
		content: jsonb('content').$type<ProgrammeContent>().notNull(),
		createdBy: text('created_by').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('programme_versions_n').on(t.programmeId, t.locale, t.version)]
);

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

/** Sub-rooms facilitators open during a session (e.g. life stories in small groups). */
export const sessionRooms = pgTable(
	'session_rooms',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSessions.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		memberIds: text('member_ids').array().notNull().default([]),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [index('session_rooms_session').on(t.sessionId)]
);

/**
 * Live-room messages. The identity id orders them and is the SSE event id (Last-Event-ID resume);
 * clientId makes a resent message idempotent, so reconnects never duplicate.
 */
export const chatMessages = pgTable(
	'chat_messages',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSessions.id, { onDelete: 'cascade' }),
		/** Null for the main room. */
		roomId: uuid('room_id').references(() => sessionRooms.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => user.id),
		clientId: uuid('client_id').notNull(),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		hiddenAt: timestamp('hidden_at', { withTimezone: true })
	},
	(t) => [
		index('chat_messages_session').on(t.sessionId, t.id),
		unique('chat_messages_client').on(t.authorId, t.clientId)
	]
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

/** Board between sessions: a thread is a post without threadId; replies point at their thread. */
export const boardPosts = pgTable(
	'board_posts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		threadId: uuid('thread_id'),
		authorId: text('author_id')
			.notNull()
			.references(() => user.id),
		title: text('title'),
		body: text('body').notNull(),
		pinned: boolean('pinned').notNull().default(false),
		/** Per-thread slow mode in seconds; 0 is off. */
		slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
		hiddenAt: timestamp('hidden_at', { withTimezone: true })
	},
	(t) => [
		index('board_posts_group').on(t.groupId, t.lastActivityAt),
		index('board_posts_thread').on(t.threadId, t.createdAt)
	]
);

export const boardReactions = pgTable(
	'board_reactions',
	{
		postId: uuid('post_id')
			.notNull()
			.references(() => boardPosts.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['thinking_of_you', 'same_here', 'well_done'] }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] })]
);

/** When a person last read a thread: posts after it are unread. */
export const boardReads = pgTable(
	'board_reads',
	{
		threadId: uuid('thread_id')
			.notNull()
			.references(() => boardPosts.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		readAt: timestamp('read_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.threadId, t.userId] })]
);

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

/** One thing for moderators to look at: a member's report, or a risk-phrase flag (urgent). */
export const moderationItems = pgTable(
	'moderation_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id),
		targetType: text('target_type', { enum: ['chat_message', 'board_post'] }).notNull(),
		targetId: text('target_id').notNull(),
		/** The author of the reported or flagged content. */
		authorId: text('author_id')
			.notNull()
			.references(() => user.id),
		kind: text('kind', { enum: ['report', 'risk'] }).notNull(),
		urgency: text('urgency', { enum: ['routine', 'urgent'] }).notNull(),
		reason: text('reason').notNull(),
		reportedBy: text('reported_by').references(() => user.id),
		status: text('status', { enum: ['open', 'resolved'] })
			.notNull()
			.default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true })
	},
	(t) => [index('moderation_items_queue').on(t.siteId, t.status, t.createdAt)]
);

/** Every moderation step, with who and why; the history of an item and of a member. */
export const moderationActions = pgTable(
	'moderation_actions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		itemId: uuid('item_id').references(() => moderationItems.id),
		groupId: uuid('group_id').references(() => groups.id),
		action: text('action', {
			enum: [
				'hide',
				'restore',
				'warn',
				'mute',
				'unmute',
				'remove',
				'readmit',
				'note',
				'resolve',
				'slow_mode'
			]
		}).notNull(),
		targetType: text('target_type'),
		targetId: text('target_id'),
		targetUserId: text('target_user_id').references(() => user.id),
		reason: text('reason').notNull(),
		until: timestamp('until', { withTimezone: true }),
		actorId: text('actor_id')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('moderation_actions_item').on(t.itemId, t.createdAt)]
);

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

/**
 * Who is in a live room now, per app instance: a row per (session, person, instance) while they
 * hold a connection there, refreshed by the instance's heartbeat. Presence is the people with a
 * row seen in the last minute, so a crashed instance's rows simply expire.
 */
export const roomPresence = pgTable(
	'room_presence',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSessions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		instanceId: uuid('instance_id').notNull(),
		seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId, t.instanceId] })]
);
