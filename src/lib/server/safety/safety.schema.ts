import { pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

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
