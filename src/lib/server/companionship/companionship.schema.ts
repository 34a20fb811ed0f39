import {
	boolean,
	date,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

export const companionStatuses = ['requested', 'offered', 'active', 'declined', 'ended'] as const;
export const companionEndReasons = [
	'member_choice',
	'goals_met',
	'peer_unavailable',
	'no_contact',
	'safety',
	'other'
] as const;
export type CompanionStatus = (typeof companionStatuses)[number];
export const contactModes = ['in_person', 'phone', 'online'] as const;
export type ContactMode = (typeof contactModes)[number];
export const supervisionKinds = ['supervision', 'intervision'] as const;
export type SupervisionKind = (typeof supervisionKinds)[number];

/** What a peer worker offers as a 1:1 companion on one site; coordinators match by it. */
export const companionProfiles = pgTable(
	'companion_profiles',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** Locale codes or language names as the peer worker writes them, lower-cased. */
		languages: text('languages').array().notNull().default([]),
		/** Free tags, lower-cased. */
		interests: text('interests').array().notNull().default([]),
		availability: text('availability').notNull().default(''),
		accepting: boolean('accepting').notNull().default(true),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('companion_profiles_site_user').on(t.siteId, t.userId)]
);

/**
 * A member's request for a peer companion and, once matched and accepted, the companionship
 * itself. `declined` means the member withdrew before it began; declining one offer only sends the
 * request back to `requested` (the peer is remembered in declinedPeerIds).
 */
export const companionRequests = pgTable(
	'companion_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		memberId: text('member_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		note: text('note').notNull().default(''),
		languages: text('languages').array().notNull().default([]),
		interests: text('interests').array().notNull().default([]),
		status: text('status', { enum: companionStatuses }).notNull().default('requested'),
		peerId: text('peer_id').references(() => user.id, { onDelete: 'set null' }),
		declinedPeerIds: text('declined_peer_ids').array().notNull().default([]),
		offeredAt: timestamp('offered_at', { withTimezone: true }),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		/** acceptedAt plus the site's companionship length. */
		endsAt: timestamp('ends_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		/** Who ended it early (member, companion or coordinator); null when it ran its length. */
		endedBy: text('ended_by').references(() => user.id, { onDelete: 'set null' }),
		/** Why it ended early: a category only, never free text (it is read by several roles). */
		endReason: text('end_reason', { enum: companionEndReasons }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('companion_requests_site_status').on(t.siteId, t.status),
		index('companion_requests_member').on(t.memberId),
		index('companion_requests_peer').on(t.peerId)
	]
);

/** One contact between a companion and their member: the dose of 1:1 support. */
export const companionContacts = pgTable(
	'companion_contacts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		requestId: uuid('request_id')
			.notNull()
			.references(() => companionRequests.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		mode: text('mode', { enum: contactModes }).notNull(),
		minutes: integer('minutes').notNull(),
		note: text('note'),
		loggedBy: text('logged_by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('companion_contacts_request').on(t.requestId)]
);

/** A supervision or intervision session a peer worker took part in. */
export const supervisionLogs = pgTable(
	'supervision_logs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		peerId: text('peer_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: supervisionKinds }).notNull(),
		date: date('date', { mode: 'string' }).notNull(),
		minutes: integer('minutes').notNull(),
		withWhom: text('with_whom').notNull(),
		topics: text('topics'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('supervision_logs_site_peer').on(t.siteId, t.peerId, t.date)]
);
