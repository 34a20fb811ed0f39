import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { groups } from '../groups/groups.schema';

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
