import {
	bigserial,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail. A trigger (migration 0001) refuses UPDATE and DELETE;
 * each row's hash covers its content and the previous row's hash.
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
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_site_at').on(t.siteId, t.at), index('audit_actor').on(t.actorUserId)]
);

/** Fixed-window counters for rate limits shared by every instance. */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});
