import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';

/**
 * Counts one attempt against `key` in a fixed window shared by every instance (the counter lives
 * in the database). Returns false once more than `max` attempts fall in the window.
 */
export async function takeRateLimit(
	db: Db,
	opts: { key: string; max: number; windowSeconds: number }
): Promise<boolean> {
	const result = await db.execute(sql`
		insert into rate_limits (key, window_start, count) values (${opts.key}, now(), 1)
		on conflict (key) do update set
			count = case when rate_limits.window_start < now() - make_interval(secs => ${opts.windowSeconds})
				then 1 else rate_limits.count + 1 end,
			window_start = case when rate_limits.window_start < now() - make_interval(secs => ${opts.windowSeconds})
				then now() else rate_limits.window_start end
		returning count`);
	return (rowsOf<{ count: number }>(result)[0]?.count ?? 0) <= opts.max;
}

/** Whether `key` already has `max` or more attempts in its current window (counts nothing). */
export async function isRateLimited(
	db: Db,
	opts: { key: string; max: number; windowSeconds: number }
): Promise<boolean> {
	const result = await db.execute(sql`
		select count from rate_limits
		where key = ${opts.key}
			and window_start >= now() - make_interval(secs => ${opts.windowSeconds})`);
	return (rowsOf<{ count: number }>(result)[0]?.count ?? 0) >= opts.max;
}

/** Forgets the attempts counted against `key`. */
export async function clearRateLimit(db: Db, key: string): Promise<void> {
	await db.execute(sql`delete from rate_limits where key = ${key}`);
}
