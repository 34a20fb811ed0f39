// Refused requests leave a trace without a write per request: each instance counts them in
// memory per site, person, address, answer and quarter hour, and adds the counts to
// access_denials every few seconds (KITH_DENIAL_FLUSH_SECONDS, and at shutdown). A page view
// never waits for it, and a flood of probes becomes a handful of growing counters, not a flood of
// audit records. The address is counted under its keyed pseudonym (address-tag.ts), never kept.
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { startPeriodic } from '../jobs/periodic';
import { logger } from '../logger';
import { accessDenials } from './audit.schema';
import { user } from '../db/auth.schema';
import { addressTag } from './address-tag';

const WINDOW_MS = 15 * 60 * 1000;
/** Distinct counters held between flushes; beyond it new keys fold into one per site. */
const MAX_PENDING = 5_000;

export type Denial = {
	siteId: string | null;
	actorUserId: string | null;
	/** The client's address: turned into its tag at once, never held or stored as it is. */
	ip: string | null;
	status: 403 | 404;
};

type Pending = Omit<Denial, 'ip'> & {
	addressTag: string | null;
	windowStart: Date;
	count: number;
	lastAt: Date;
};
const pending = new Map<string, Pending>();

/** Counts one refused request; written with the next flush. */
export function noteDenial({ ip, ...denial }: Denial, at = new Date()): void {
	const windowStart = new Date(Math.floor(at.getTime() / WINDOW_MS) * WINDOW_MS);
	add({
		...denial,
		addressTag: ip === null ? null : addressTag(ip),
		windowStart,
		count: 1,
		lastAt: at
	});
}

function add(row: Pending): void {
	const keyOf = (r: Pending) =>
		JSON.stringify([r.siteId, r.actorUserId, r.addressTag, r.status, r.windowStart.getTime()]);
	let r = row;
	if (!pending.has(keyOf(r)) && pending.size >= MAX_PENDING)
		// Too many different senders at once: keep counting, without telling them apart.
		r = { ...r, actorUserId: null, addressTag: null };
	const key = keyOf(r);
	const held = pending.get(key);
	if (!held) pending.set(key, { ...r });
	else {
		held.count += r.count;
		if (r.lastAt > held.lastAt) held.lastAt = r.lastAt;
	}
}

/** Adds counters to the table, each to the row of the same key when there is one. */
async function addCounts(db: Db | Tx, rows: Pending[]): Promise<void> {
	await db
		.insert(accessDenials)
		.values(rows)
		.onConflictDoUpdate({
			target: [
				accessDenials.siteId,
				accessDenials.actorUserId,
				accessDenials.addressTag,
				accessDenials.windowStart,
				accessDenials.status
			],
			set: {
				count: sql`${accessDenials.count} + excluded.count`,
				lastAt: sql`greatest(${accessDenials.lastAt}, excluded.last_at)`
			}
		});
}

/** Adds the counts held in memory to the table; answers how many counters it wrote. */
export async function flushDenials(db: Db): Promise<number> {
	if (pending.size === 0) return 0;
	const rows = [...pending.values()];
	pending.clear();
	try {
		await addCounts(db, rows);
	} catch (e) {
		// Kept for the next flush (the database may be briefly away), merged with what came since.
		for (const r of rows) add(r);
		throw e;
	}
	return rows.length;
}

/**
 * Replaces the addresses counted before they were tagged (Kith 2026-12-04 to 07 stored them as
 * they were; an address has a dot or a colon, a tag has neither) by their tags, adding each count
 * to its tag's row. Answers how many rows it replaced; once none are left it finds none.
 */
export async function tagStoredAddresses(db: Db): Promise<number> {
	return db.transaction(async (tx) => {
		const raw = await tx
			.delete(accessDenials)
			.where(sql`${accessDenials.addressTag} ~ '[.:]'`)
			.returning();
		const tagged: Pending[] = raw.map((r) => ({
			...r,
			status: r.status === 403 ? 403 : 404,
			addressTag: r.addressTag === null ? null : addressTag(r.addressTag)
		}));
		// A week of a busy instance can be many rows: a thousand per statement stays within limits.
		for (let i = 0; i < tagged.length; i += 1000) await addCounts(tx, tagged.slice(i, i + 1000));
		return raw.length;
	});
}

/**
 * Tags any address stored as it was, then flushes every few seconds while the instance runs, and
 * once more when it stops.
 */
export function startDenialRecorder(app: {
	db: Db;
	config: { KITH_DENIAL_FLUSH_SECONDS: number };
}): void {
	tagStoredAddresses(app.db).catch((e: unknown) =>
		logger.warn({ err: e }, 'stored addresses of refused requests not tagged yet')
	);
	startPeriodic({
		name: 'access denials',
		everyMs: app.config.KITH_DENIAL_FLUSH_SECONDS * 1000,
		run: () => flushDenials(app.db),
		final: () =>
			flushDenials(app.db).catch((e: unknown) =>
				logger.warn({ err: e }, 'refused requests not recorded at shutdown')
			)
	});
}

/** Not-found answers over a day that make a person or an address worth a look. */
export const UNUSUAL_NOT_FOUND = 20;

export type UnusualDenials = {
	actorUserId: string | null;
	name: string | null;
	/** The address's pseudonym (address-tag.ts), never the address. */
	addressTag: string | null;
	notFound: number;
	lastAt: Date;
};

/**
 * People and addresses on the actor's site with at least UNUSUAL_NOT_FOUND not-found answers in
 * the last 24 hours, most first: for site admins, with the audit trail.
 */
export async function listUnusualDenials({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<UnusualDenials[]> {
	requireUseCase(actor, 'site.audit');
	const site = requireSite(actor);
	const total = sql<number>`sum(${accessDenials.count})::int`;
	const rows = await db
		.select({
			actorUserId: accessDenials.actorUserId,
			name: user.name,
			addressTag: accessDenials.addressTag,
			notFound: total,
			lastAt: sql<Date>`max(${accessDenials.lastAt})`
		})
		.from(accessDenials)
		.leftJoin(user, eq(user.id, accessDenials.actorUserId))
		.where(
			and(
				eq(accessDenials.siteId, site.id),
				eq(accessDenials.status, 404),
				gte(accessDenials.windowStart, new Date(now.getTime() - 24 * 60 * 60 * 1000))
			)
		)
		.groupBy(accessDenials.actorUserId, user.name, accessDenials.addressTag)
		.having(sql`sum(${accessDenials.count}) >= ${UNUSUAL_NOT_FOUND}`)
		.orderBy(desc(total))
		.limit(50);
	return rows.map((r) => ({ ...r, lastAt: new Date(r.lastAt) }));
}

export type VisitorDenials = {
	/** The address's pseudonym (address-tag.ts), never the address. */
	addressTag: string | null;
	/** The UTC day, YYYY-MM-DD. */
	day: string;
	notFound: number;
	forbidden: number;
	lastAt: Date;
};

/** Refusals to one address in one day that make it worth a look on the platform page. */
export const UNUSUAL_VISITOR_REFUSALS = 20;

/**
 * Addresses of people not signed in (no site is known for them) with at least
 * UNUSUAL_VISITOR_REFUSALS refused answers in a UTC day over the last week, newest day first:
 * for platform admins. Forged forms from other sites are among them (decision 0012).
 */
export async function listVisitorDenials({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<VisitorDenials[]> {
	requireUseCase(actor, 'platform.denials');
	const day = sql<string>`to_char(${accessDenials.windowStart} at time zone 'UTC', 'YYYY-MM-DD')`;
	const total = sql<number>`sum(${accessDenials.count})::int`;
	const rows = await db
		.select({
			addressTag: accessDenials.addressTag,
			day,
			notFound: sql<number>`(sum(${accessDenials.count}) filter (where ${accessDenials.status} = 404))::int`,
			forbidden: sql<number>`(sum(${accessDenials.count}) filter (where ${accessDenials.status} = 403))::int`,
			lastAt: sql<Date>`max(${accessDenials.lastAt})`
		})
		.from(accessDenials)
		.where(
			and(
				isNull(accessDenials.siteId),
				isNull(accessDenials.actorUserId),
				gte(accessDenials.windowStart, new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000))
			)
		)
		.groupBy(accessDenials.addressTag, day)
		.having(sql`sum(${accessDenials.count}) >= ${UNUSUAL_VISITOR_REFUSALS}`)
		.orderBy(desc(day), desc(total))
		.limit(100);
	return rows.map((r) => ({
		...r,
		notFound: r.notFound ?? 0,
		forbidden: r.forbidden ?? 0,
		lastAt: new Date(r.lastAt)
	}));
}
