import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

/**
 * One in-app notification for one person on one site (the notification centre). `kind` names the
 * capability's kind (`group_reminder`, later replies, messages, check-ins…); `targetId` is the
 * record it is about, checked again for access whenever it is listed or opened; `source` makes it
 * once per event (a session's reminder is one notification, however often the round runs).
 * `params` holds what the text needs (a group's name), never health details.
 */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		targetId: text('target_id').notNull(),
		source: text('source').notNull(),
		params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [
		unique('notifications_once').on(t.userId, t.kind, t.source),
		index('notifications_inbox').on(t.userId, t.siteId, t.createdAt)
	]
);
export type Notification = typeof notifications.$inferSelect;

/** Every delivery Kith made or tried, whatever the capability: one log (kind, channel, outcome). */
export const deliveryLog = pgTable(
	'delivery_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id').references(() => sites.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		channel: text('channel', { enum: ['in_app', 'email'] }).notNull(),
		outcome: text('outcome', { enum: ['sent', 'failed', 'held', 'skipped'] }).notNull(),
		retries: integer('retries').notNull().default(0),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('delivery_log_user').on(t.userId, t.at)]
);

export const notificationChannels = ['in_app', 'email', 'off'] as const;
export type NotificationChoice = (typeof notificationChannels)[number];

/** How a person wants each kind of notification on a site: in the app, by email, or not at all. */
export const notificationPreferences = pgTable(
	'notification_preferences',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id, { onDelete: 'cascade' }),
		/** Per kind: in_app, email or off; a kind left out keeps the capability's own default. */
		channels: jsonb('channels').$type<Record<string, NotificationChoice>>().notNull().default({}),
		/** Quiet hours on the person's clock, "HH:MM"; an end before the start wraps past midnight. */
		quietStart: text('quiet_start'),
		quietEnd: text('quiet_end'),
		timeZone: text('time_zone'),
		dailyDigest: boolean('daily_digest').notNull().default(false),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('notification_preferences_once').on(t.userId, t.siteId)]
);
