// The durable scheduler (decision 0010): timed work stored in the `jobs` table, claimed with
// FOR UPDATE SKIP LOCKED so two instances never take the same job, held under a lease so the job
// of a worker that died is claimed again once the lease runs out, retried with exponential
// back-off, and left `dead` after its last attempt. A job is unique per (kind, key): enqueueing
// it again does nothing, so every instance may enqueue the same work. A handler may still run
// twice for one key (a worker that stalls past its lease), so handlers are idempotent by key.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client';
import { logger } from '../logger';
import { startPeriodic, type PeriodicJob } from '../jobs/periodic';
import { jobs, type Job } from './scheduler.schema';

/** A job as its handler sees it. */
export type ClaimedJob = {
	id: string;
	kind: string;
	key: string;
	siteId: string | null;
	payload: Record<string, unknown>;
	/** 1 on the first run. */
	attempt: number;
	maxAttempts: number;
};
export type JobHandler = (job: ClaimedJob) => Promise<unknown>;
export type JobHandlers = ReadonlyMap<string, JobHandler>;

export type SchedulerOptions = {
	/** Who holds a claim (the instance id), so only the holder may finish it. */
	workerId: string;
	/** How long a claim holds before another worker may take the job; renewed while it runs. */
	leaseMs?: number;
	/** The first retry waits this long, each later one twice the one before (capped at an hour). */
	backoffMs?: number;
	/** At most this many jobs in one run. */
	batch?: number;
};

const LEASE_MS = 60_000;
const BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** The wait before the next try after failed attempt `attempt` (1-based). */
export const backoffDelay = (attempt: number, backoffMs = BACKOFF_MS): number =>
	Math.min(backoffMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);

export type NewJob = {
	kind: string;
	key: string;
	runAt?: Date;
	siteId?: string | null;
	payload?: Record<string, unknown>;
	maxAttempts?: number;
};

/** Stores a job to run at or after `runAt`; false if a job of that kind and key exists already. */
export async function enqueueJob(db: Db | Tx, job: NewJob): Promise<boolean> {
	const rows = await db
		.insert(jobs)
		.values({
			kind: job.kind,
			key: job.key,
			runAt: job.runAt ?? new Date(),
			siteId: job.siteId ?? null,
			payload: job.payload ?? {},
			maxAttempts: job.maxAttempts ?? 5
		})
		.onConflictDoNothing()
		.returning({ id: jobs.id });
	return rows.length > 0;
}

type ClaimRow = {
	id: string;
	kind: string;
	key: string;
	site_id: string | null;
	payload: Record<string, unknown>;
	attempts: number;
	max_attempts: number;
};

/**
 * Takes one due job of the given kinds: pending and due, or running with its lease run out (its
 * worker died). Rows another transaction is claiming are skipped, not waited for.
 */
async function claimOne(db: Db, kinds: string[], o: Required<SchedulerOptions>) {
	if (kinds.length === 0) return null;
	const kindList = sql.join(
		kinds.map((k) => sql`${k}`),
		sql`, `
	);
	const [row] = rowsOf<ClaimRow>(
		await db.execute(sql`
			with due as (
				select id from jobs
				where kind in (${kindList})
					and ((state = 'pending' and run_at <= clock_timestamp())
						or (state = 'running' and locked_until < clock_timestamp()))
				order by run_at
				limit 1
				for update skip locked
			)
			update jobs set state = 'running', attempts = jobs.attempts + 1,
				locked_until = clock_timestamp() + make_interval(secs => ${o.leaseMs / 1000}),
				locked_by = ${o.workerId}
			from due where jobs.id = due.id
			returning jobs.id, jobs.kind, jobs.key, jobs.site_id, jobs.payload, jobs.attempts,
				jobs.max_attempts`)
	);
	if (!row) return null;
	const job: ClaimedJob = {
		id: row.id,
		kind: row.kind,
		key: row.key,
		siteId: row.site_id,
		payload: row.payload,
		attempt: Number(row.attempts),
		maxAttempts: Number(row.max_attempts)
	};
	return job;
}

/** The claim as this worker holds it: a worker whose lease was taken over can no longer finish. */
const held = (job: ClaimedJob, workerId: string) =>
	and(
		eq(jobs.id, job.id),
		eq(jobs.state, 'running'),
		eq(jobs.lockedBy, workerId),
		eq(jobs.attempts, job.attempt)
	);

/** Error text kept for operators: the message only, short (a stack trace says nothing to them). */
const describe = (e: unknown): string =>
	(e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);

async function fail(db: Db, job: ClaimedJob, o: Required<SchedulerOptions>, e: unknown) {
	const dead = job.attempt >= job.maxAttempts;
	await db
		.update(jobs)
		.set(
			dead
				? { state: 'dead', lockedUntil: null, lastError: describe(e), finishedAt: new Date() }
				: {
						state: 'pending',
						lockedUntil: null,
						lastError: describe(e),
						runAt: sql`clock_timestamp() + make_interval(secs => ${backoffDelay(job.attempt, o.backoffMs) / 1000})`
					}
		)
		.where(held(job, o.workerId));
	return dead;
}

export type RunResult = { done: number; failed: number; dead: number };

/**
 * Runs the due jobs this worker has handlers for, one at a time, until none is due (or `batch`
 * have run). While a handler works its lease is renewed; when it ends the job is done, or pending
 * again after a back-off, or dead after its last attempt.
 */
export async function runDueJobs({
	db,
	handlers,
	...options
}: SchedulerOptions & { db: Db; handlers: JobHandlers }): Promise<RunResult> {
	const o: Required<SchedulerOptions> = {
		leaseMs: LEASE_MS,
		backoffMs: BACKOFF_MS,
		batch: 100,
		...options
	};
	const result: RunResult = { done: 0, failed: 0, dead: 0 };
	const kinds = [...handlers.keys()];
	for (let i = 0; i < o.batch; i++) {
		const job = await claimOne(db, kinds, o);
		if (!job) break;
		const handler = handlers.get(job.kind);
		// A job whose worker died on its last attempt is not tried again.
		if (!handler || job.attempt > job.maxAttempts) {
			if (
				await fail(
					db,
					{ ...job, attempt: Math.max(job.attempt, job.maxAttempts) },
					o,
					'lease ran out on the last attempt'
				)
			)
				result.dead++;
			continue;
		}
		const renew = setInterval(
			() =>
				void db
					.update(jobs)
					.set({ lockedUntil: sql`clock_timestamp() + make_interval(secs => ${o.leaseMs / 1000})` })
					.where(held(job, o.workerId))
					.catch((e: unknown) => logger.warn({ err: e, job: job.kind }, 'job lease not renewed')),
			Math.max(10, Math.floor(o.leaseMs / 3))
		);
		renew.unref();
		try {
			await handler(job);
			clearInterval(renew);
			const finished = await db
				.update(jobs)
				.set({ state: 'done', lockedUntil: null, lastError: null, finishedAt: new Date() })
				.where(held(job, o.workerId))
				.returning({ id: jobs.id });
			if (finished.length === 0)
				logger.warn({ job: job.kind }, 'job finished after its lease was taken');
			result.done++;
		} catch (e) {
			clearInterval(renew);
			logger.warn({ err: describe(e), job: job.kind, attempt: job.attempt }, 'job failed');
			result.failed++;
			if (await fail(db, job, o, e)) {
				result.dead++;
				logger.error({ job: job.kind, key: job.key }, 'job dead after its last attempt');
			}
		}
	}
	return result;
}

/** Job kinds run by this process, registered by the capabilities at start (hooks.server.ts). */
const registered = new Map<string, JobHandler>();

/** Makes this process run jobs of `kind` with `handler`. */
export function registerJobHandler(kind: string, handler: JobHandler): void {
	registered.set(kind, handler);
}

/**
 * A kind of work that recurs every `everyMs`: each instance enqueues the current slot's job on
 * every tick, and the key (the slot's start) makes it one job however many instances do.
 */
export type Recurring = { kind: string; everyMs: number; siteId?: string | null };
const recurring = new Map<string, Recurring>();
export function registerRecurring(r: Recurring): void {
	recurring.set(r.kind, r);
}

/** Enqueues the current slot of every recurring kind. */
export async function enqueueRecurring(db: Db, kinds: Iterable<Recurring>, now = new Date()) {
	for (const r of kinds) {
		const slot = Math.floor(now.getTime() / r.everyMs) * r.everyMs;
		await enqueueJob(db, {
			kind: r.kind,
			key: new Date(slot).toISOString(),
			runAt: new Date(slot),
			siteId: r.siteId ?? null,
			// A slot that failed is taken over by the next one.
			maxAttempts: 3
		});
	}
}

/** Finished jobs are kept a week for operators, then removed. */
export async function pruneFinishedJobs(db: Db, now = new Date()): Promise<number> {
	const removed = await db
		.delete(jobs)
		.where(
			and(
				inArray(jobs.state, ['done', 'cancelled']),
				lt(jobs.finishedAt, new Date(now.getTime() - 7 * 24 * 60 * 60_000))
			)
		)
		.returning({ id: jobs.id });
	return removed.length;
}

/**
 * Runs the registered jobs every `everyMs` in this process until shutdown (stopPeriodicJobs
 * awaits the run under way). Every instance runs one; the claims keep them apart.
 */
export function startScheduler({
	db,
	workerId,
	everyMs
}: {
	db: Db;
	workerId: string;
	everyMs: number;
}): PeriodicJob {
	let ticks = 0;
	return startPeriodic({
		name: 'scheduler',
		everyMs,
		run: async () => {
			await enqueueRecurring(db, recurring.values());
			const r = await runDueJobs({ db, handlers: registered, workerId });
			if (r.done + r.failed > 0) logger.info(r, 'jobs run');
			// About once an hour at the default pace.
			if (ticks++ % 720 === 0) await pruneFinishedJobs(db);
		}
	});
}

export type { Job };
