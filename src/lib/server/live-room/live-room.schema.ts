import {
	bigint,
	index,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { user } from '../db/auth.schema';
import { groupSessions } from '../groups/groups.schema';

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
