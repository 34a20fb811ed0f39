import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail. A record is written in the transaction of the change it
 * describes, unsealed; a sealer then gives it its place in the chain (seq), the previous record's
 * hash and its own hash, once. Triggers (migrations 0001, 0008, 0011) refuse DELETE and TRUNCATE,
 * and any UPDATE but that one sealing of an unsealed record with its content unchanged.
 *
 * Since 0011 every record carries a MAC made by the app with a key the database never sees
 * (audit/audit-mac.ts), and the chain hash is keyed too: a row the app did not write, or one
 * changed behind the triggers, no longer fits. The database refuses a record without a MAC and a
 * copied one; records from before 0011 have none and are checked by their hash alone.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
		actorUserId: text('actor_user_id'),
		actingRole: text('acting_role'),
		siteId: uuid('site_id'),
		action: text('action').notNull(),
		entityType: text('entity_type'),
		entityId: text('entity_id'),
		outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
		ip: text('ip'),
		details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
		/** Position in the chain, given at sealing; null until then. */
		seq: bigint('seq', { mode: 'number' }),
		prevHash: text('prev_hash'),
		hash: text('hash'),
		/** `v1.<nonce>.<HMAC of the content>`, made when the record is written; null before 0011. */
		mac: text('mac')
	},
	(t) => [
		index('audit_site_at').on(t.siteId, t.at),
		index('audit_actor').on(t.actorUserId),
		uniqueIndex('audit_seq').on(t.seq),
		index('audit_unsealed')
			.on(t.id)
			.where(sql`${t.seq} is null`),
		uniqueIndex('audit_mac').on(t.mac),
		// NOT VALID in the migration: enforced for every new record, not for the old ones.
		check('audit_mac_present', sql`${t.mac} is not null`)
	]
);

/** Fixed-window counters for rate limits shared by every instance. */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});

/**
 * Refused requests (not found, forbidden), counted per site, person, address, answer and quarter
 * hour rather than one audit record each, so probing leaves a trace but cannot flood the trail.
 * A row is null where the request had none (a signed-out visitor has no person and no site).
 */
export const accessDenials = pgTable(
	'access_denials',
	{
		siteId: uuid('site_id'),
		actorUserId: text('actor_user_id'),
		/** Never the address itself: its keyed pseudonym (address-tag.ts), in the column first named ip. */
		addressTag: text('ip'),
		/** The quarter hour the requests fell in. */
		windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
		/** 404 or 403. */
		status: integer('status').notNull(),
		count: integer('count').notNull(),
		lastAt: timestamp('last_at', { withTimezone: true, precision: 3 }).notNull()
	},
	(t) => [
		unique('access_denials_key')
			.on(t.siteId, t.actorUserId, t.addressTag, t.windowStart, t.status)
			.nullsNotDistinct(),
		index('access_denials_site_window').on(t.siteId, t.windowStart)
	]
);
