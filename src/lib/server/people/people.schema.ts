import {
	boolean,
	index,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

export const siteRoles = [
	'member',
	'peer_worker',
	'professional',
	'carer',
	'moderator',
	'site_admin',
	'researcher',
	'content_editor'
] as const;
export type SiteRole = (typeof siteRoles)[number];
export const roleEnum = pgEnum('site_role', siteRoles);

/** A role a person holds on one site. A person may hold several roles on several sites. */
export const memberships = pgTable(
	'memberships',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: roleEnum('role').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set while a site admin has suspended the person on this site: the row then grants nothing. */
		suspendedAt: timestamp('suspended_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('memberships_site_user_role').on(t.siteId, t.userId, t.role),
		index('memberships_user').on(t.userId)
	]
);

export const invitations = pgTable(
	'invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		email: text('email').notNull(),
		role: roleEnum('role').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: text('invited_by').references(() => user.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('invitations_site').on(t.siteId)]
);

export const textSizes = ['normal', 'large', 'larger'] as const;

/** What a person shows of themselves and how they like Kith to look. */
export const profiles = pgTable('profiles', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	displayName: text('display_name').notNull(),
	pseudonym: text('pseudonym'),
	locale: text('locale'),
	timeZone: text('time_zone'),
	textSize: text('text_size', { enum: textSizes }).notNull().default('normal'),
	reducedMotion: boolean('reduced_motion').notNull().default(false),
	highContrast: boolean('high_contrast').notNull().default(false),
	/** When the person finished or skipped the first-sign-in welcome; null sends a member there. */
	welcomedAt: timestamp('welcomed_at', { withTimezone: true }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type Profile = typeof profiles.$inferSelect;
