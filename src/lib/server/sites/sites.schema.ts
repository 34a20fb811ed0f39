import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import type { CrisisContact } from '../../types';

export type { CrisisContact };

/** A site is one service: its own languages, time zone, crisis contacts, staff and members. */
export const sites = pgTable('sites', {
	id: uuid('id').primaryKey().defaultRandom(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	defaultLocale: text('default_locale').notNull(),
	locales: text('locales').array().notNull(),
	timeZone: text('time_zone').notNull(),
	selfRegistration: boolean('self_registration').notNull().default(false),
	requireStaffSecondFactor: boolean('require_staff_second_factor').notNull().default(true),
	isDemo: boolean('is_demo').notNull().default(false),
	/** Whether course content may show images and audio from other https hosts. */
	allowRemoteContent: boolean('allow_remote_content').notNull().default(false),
	/** Whether members may share phone numbers, emails or social handles in peer spaces. */
	allowContactDetails: boolean('allow_contact_details').notNull().default(false),
	/** How long a 1:1 peer companionship lasts once accepted, in months. */
	companionshipMonths: integer('companionship_months').notNull().default(6),
	crisisContacts: jsonb('crisis_contacts').$type<CrisisContact[]>().notNull().default([]),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type Site = typeof sites.$inferSelect;
