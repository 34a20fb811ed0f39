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
import { user } from '../db/auth.schema';
import { groups } from '../groups/groups.schema';

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
