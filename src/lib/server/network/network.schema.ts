import {
	boolean,
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

export const networkKinds = [
	'family',
	'friend',
	'neighbour',
	'peer',
	'professional',
	'group',
	'pet',
	'activity',
	'place'
] as const;
export type NetworkKind = (typeof networkKinds)[number];

export const contactFrequencies = ['daily', 'weekly', 'monthly', 'rarely'] as const;
export type ContactFrequency = (typeof contactFrequencies)[number];

/**
 * One person, group, pet, place or activity on a member's network map. The label is the member's
 * own words, encrypted at rest (bound to the item's owner and id); circle 1 is closest.
 */
export const networkItems = pgTable(
	'network_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		labelEncrypted: text('label_encrypted').notNull(),
		kind: text('kind', { enum: networkKinds }).notNull(),
		circle: integer('circle').notNull(),
		contact: text('contact', { enum: contactFrequencies }).notNull(),
		emotional: boolean('emotional').notNull().default(false),
		practical: boolean('practical').notNull().default(false),
		illness: boolean('illness').notNull().default(false),
		wantMore: boolean('want_more').notNull().default(false),
		drains: boolean('drains').notNull().default(false),
		usedToEnjoy: boolean('used_to_enjoy').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('network_items_user').on(t.siteId, t.userId)]
);

/**
 * A dated copy of the map the member saved. The items (labels included) are one encrypted JSON
 * document; the figures beside it are plain so research exports can use them without labels.
 */
export const networkSnapshots = pgTable(
	'network_snapshots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
		itemsEncrypted: text('items_encrypted').notNull(),
		size: integer('size').notNull(),
		circlesFilled: integer('circles_filled').notNull(),
		emotional: integer('emotional').notNull(),
		practical: integer('practical').notNull(),
		illness: integer('illness').notNull(),
		networkType: text('network_type').notNull()
	},
	(t) => [index('network_snapshots_user').on(t.siteId, t.userId, t.takenAt)]
);

/** A member's map shared with a named supporter; revoking sets revokedAt and ends it at once. */
export const networkShares = pgTable(
	'network_shares',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		memberId: text('member_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		sharedWithUserId: text('shared_with_user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('network_shares_member_user').on(t.memberId, t.sharedWithUserId)]
);

/** An addition a supporter suggests for a member's map; it joins the map only if the member agrees. */
export const networkSuggestions = pgTable(
	'network_suggestions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		memberId: text('member_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		suggestedBy: text('suggested_by')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		labelEncrypted: text('label_encrypted').notNull(),
		kind: text('kind', { enum: networkKinds }).notNull(),
		circle: integer('circle').notNull(),
		status: text('status', { enum: ['pending', 'accepted', 'declined'] })
			.notNull()
			.default('pending'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [index('network_suggestions_member').on(t.siteId, t.memberId, t.status)]
);

/**
 * A facilitated mapping session: a professional or peer worker asks, the member agrees on screen,
 * the facilitator then works on the member's map until the session ends.
 */
export const networkSessions = pgTable(
	'network_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		memberId: text('member_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		facilitatorId: text('facilitator_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ['asked', 'open', 'ended', 'declined'] })
			.notNull()
			.default('asked'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		agreedAt: timestamp('agreed_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [index('network_sessions_member').on(t.siteId, t.memberId)]
);
