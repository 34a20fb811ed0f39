import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { openDatabase, type Db } from '../db/client';
import { logger } from '../logger';
import { createTestApp, dbKinds, type DbKind, type TestApp } from '../testing/test-app';
import { cancelJob, listDeadJobs, listJobs, retryDeadJob, retryJob } from './manage-jobs';
import { makePerson, makeSite } from '../testing/factories';
import { enqueueJob, enqueueRecurring, runDueJobs, type JobHandler } from './scheduler';
import { jobs } from './scheduler.schema';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const tag = () => randomBytes(4).toString('hex');

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await sleep(20);
	}
}

const jobOf = async (db: Db, kind: string) => {
	const [row] = await db.select().from(jobs).where(eq(jobs.kind, kind));
	if (!row) throw new Error(`no job of kind ${kind}`);
	return row;
};

/** One "instance" per app handle: on PostgreSQL each has its own pool on the same database. */
async function instances(kind: DbKind, first: TestApp, count: number): Promise<Db[]> {
	if (kind === 'pglite') return Array.from({ length: count }, () => first.db);
	const url = first.config.DATABASE_URL;
	if (!url) throw new Error('no url');
	const opened = Array.from({ length: count - 1 }, () => openDatabase({ url, dataDir: '.' }));
	extra.push(...opened);
	return [first.db, ...opened.map((d) => d.db)];
}
const extra: ReturnType<typeof openDatabase>[] = [];

describe.each(dbKinds)('the scheduler on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => {
		await Promise.all(extra.splice(0).map((d) => d.close()));
		await app.cleanup();
	});

	it('runs a job that fell due while no instance ran, once, when one starts', async () => {
		const k = `test.due.${tag()}`;
		const runs: string[] = [];
		// Stored while nothing runs: due a minute ago.
		expect(
			await enqueueJob(app.db, { kind: k, key: 'a', runAt: new Date(Date.now() - 60_000) })
		).toBe(true);
		// Enqueued again by another instance: still one job.
		expect(await enqueueJob(app.db, { kind: k, key: 'a' })).toBe(false);
		// A job not yet due waits.
		await enqueueJob(app.db, { kind: k, key: 'later', runAt: new Date(Date.now() + 60_000) });
		const handlers = new Map<string, JobHandler>([[k, async (j) => void runs.push(j.key)]]);
		expect(await runDueJobs({ db: app.db, handlers, workerId: 'w1' })).toEqual({
			done: 1,
			failed: 0,
			dead: 0
		});
		await runDueJobs({ db: app.db, handlers, workerId: 'w2' });
		expect(runs).toEqual(['a']);
		const states = await listJobs(app.db, { kind: k });
		expect(states.map((j) => [j.key, j.state])).toEqual([
			['later', 'pending'],
			['a', 'done']
		]);
	});

	it('retries a failing job with growing waits, then leaves it dead; an operator retries or cancels it', async () => {
		vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
		vi.spyOn(logger, 'error').mockImplementation(() => undefined);
		const k = `test.fail.${tag()}`;
		await enqueueJob(app.db, { kind: k, key: 'x', maxAttempts: 3 });
		const tries: number[] = [];
		const handlers = new Map<string, JobHandler>([
			[
				k,
				async (j) => {
					tries.push(Date.now());
					throw new Error(`broken on attempt ${j.attempt}`);
				}
			]
		]);
		const backoffMs = 200;
		const run = () => runDueJobs({ db: app.db, handlers, workerId: 'w', backoffMs });
		await run();
		let job = await jobOf(app.db, k);
		expect([job.state, job.attempts, job.lastError]).toEqual([
			'pending',
			1,
			'Error: broken on attempt 1'
		]);
		// Not before its back-off.
		await run();
		expect(tries).toHaveLength(1);
		await until(async () => (await run(), tries.length === 2));
		await until(async () => (await run(), tries.length === 3));
		const [t1 = 0, t2 = 0, t3 = 0] = tries;
		expect(t2 - t1).toBeGreaterThanOrEqual(backoffMs - 20);
		expect(t3 - t2).toBeGreaterThanOrEqual(2 * backoffMs - 20);
		job = await jobOf(app.db, k);
		expect([job.state, job.attempts, job.lastError]).toEqual([
			'dead',
			3,
			'Error: broken on attempt 3'
		]);
		// Dead: never run again by itself.
		await run();
		expect(tries).toHaveLength(3);
		expect((await listJobs(app.db, { state: 'dead', kind: k })).map((j) => j.id)).toEqual([job.id]);

		expect(await retryJob(app.db, job.id)).toBe(true);
		await run();
		expect(tries).toHaveLength(4);
		expect(await cancelJob(app.db, job.id)).toBe(true);
		expect((await jobOf(app.db, k)).state).toBe('cancelled');
		await sleep(2 * backoffMs);
		await run();
		expect(tries).toHaveLength(4);
		// A finished job cannot be cancelled, nor one nobody has.
		expect(await cancelJob(app.db, '00000000-0000-4000-8000-000000000000')).toBe(false);
		vi.restoreAllMocks();
	});

	it('never runs a job twice across instances, whatever the schedule (property)', async () => {
		const kindOfRun = `test.prop.${tag()}`;
		let round = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.integer({ min: -5_000, max: 150 }), { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 1, max: 4 }),
				async (offsets, count) => {
					const k = `${kindOfRun}.${round++}`;
					const now = Date.now();
					for (const [i, offset] of offsets.entries())
						await enqueueJob(app.db, { kind: k, key: `job-${i}`, runAt: new Date(now + offset) });
					const runs = new Map<string, number>();
					const handler: JobHandler = async (j) => {
						runs.set(j.key, (runs.get(j.key) ?? 0) + 1);
						await sleep(1);
					};
					const dbs = await instances(kind, app, count);
					// Every instance works at once, again and again, until every job is due and done.
					await until(async () => {
						await Promise.all(
							dbs.map((db, n) =>
								runDueJobs({ db, handlers: new Map([[k, handler]]), workerId: `i${n}` })
							)
						);
						return runs.size === offsets.length;
					});
					expect([...runs.values()].every((n) => n === 1)).toBe(true);
					const left = await listJobs(app.db, { kind: k });
					expect(left.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
				}
			),
			{ numRuns: kind === 'pglite' ? 15 : 10 }
		);
		await Promise.all(extra.splice(0).map((d) => d.close()));
	});

	it('shows a site admin the dead jobs of their site only, and lets them retry one', async () => {
		const [mine, other] = [await makeSite(app), await makeSite(app)];
		const admin = (await makePerson(app, mine, ['site_admin'])).actor;
		const member = (await makePerson(app, mine, ['member'])).actor;
		const k = `test.dead.${tag()}`;
		for (const [key, site] of [
			['mine', mine],
			['theirs', other]
		] as const)
			await enqueueJob(app.db, { kind: k, key, siteId: site.id, maxAttempts: 1 });
		vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
		vi.spyOn(logger, 'error').mockImplementation(() => undefined);
		const failing = new Map<string, JobHandler>([[k, () => Promise.reject(new Error('no'))]]);
		await runDueJobs({ db: app.db, handlers: failing, workerId: 'w' });
		vi.restoreAllMocks();
		const seen = await listDeadJobs({ db: app.db, actor: admin });
		expect(seen.map((j) => [j.kind, j.attempts, j.lastError])).toEqual([[k, 1, 'Error: no']]);
		await expect(listDeadJobs({ db: app.db, actor: member })).rejects.toMatchObject({
			code: 'not_found'
		});
		const theirs = (await listJobs(app.db, { kind: k, siteId: other.id }))[0];
		if (!theirs) throw new Error('no job of the other site');
		// Another site's job, or a nonsense id, is not found; the own one runs again.
		for (const jobId of [theirs.id, 'nonsense'])
			await expect(
				retryDeadJob({ db: app.db, actor: admin, input: { jobId } })
			).rejects.toMatchObject({ code: 'not_found' });
		await retryDeadJob({ db: app.db, actor: admin, input: { jobId: seen[0]?.id ?? '' } });
		expect(await listDeadJobs({ db: app.db, actor: admin })).toEqual([]);
		expect((await listJobs(app.db, { kind: k, siteId: other.id }))[0]?.state).toBe('dead');
	});

	it('makes one job of a recurring slot, however many instances enqueue it', async () => {
		const k = `test.recurring.${tag()}`;
		const now = new Date('2026-12-07T10:07:30Z');
		for (let i = 0; i < 3; i++)
			await enqueueRecurring(app.db, [{ kind: k, everyMs: 300_000 }], now);
		const rows = await listJobs(app.db, { kind: k });
		expect(rows.map((r) => r.key)).toEqual(['2026-12-07T10:05:00.000Z']);
	});
});

describe.each(dbKinds)('a worker killed mid-job on %s', (kind) => {
	it('leaves the job to be run again once its lease runs out', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'kith-crash-'));
		let url: string | undefined;
		let app: TestApp | undefined;
		if (kind === 'postgres') {
			app = await createTestApp('postgres');
			url = app.config.DATABASE_URL;
		}
		const open = () => (url ? openDatabase({ url, dataDir }) : openDatabase({ dataDir }));
		let database = open();
		await database.migrate();
		await enqueueJob(database.db, { kind: 'test.crash', key: 'once' });
		// PGlite is one process owning its files: the test lets go while the worker runs.
		if (!url) await database.close();

		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'src/lib/server/testing/crash-worker.ts', url ?? dataDir, '400'],
			{
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		await new Promise<void>((started, failed) => {
			child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && started());
			child.on('exit', (code) => failed(new Error(`worker exited with ${code}`)));
		});
		const exited = new Promise((done) => child.on('exit', done));
		child.kill('SIGKILL');
		await exited;

		if (!url) database = open();
		const claimed = await jobOf(database.db, 'test.crash');
		expect([claimed.state, claimed.attempts, claimed.lockedBy]).toEqual([
			'running',
			1,
			'crashing-worker'
		]);
		const runs: number[] = [];
		const handlers = new Map<string, JobHandler>([
			['test.crash', async (j) => void runs.push(j.attempt)]
		]);
		// Once its lease has run out the next worker takes it, once.
		await runDueJobs({ db: database.db, handlers, workerId: 'survivor', leaseMs: 400 });
		await until(async () => {
			await runDueJobs({ db: database.db, handlers, workerId: 'survivor' });
			return runs.length > 0;
		});
		await runDueJobs({ db: database.db, handlers, workerId: 'survivor' });
		expect(runs).toEqual([2]);
		expect((await jobOf(database.db, 'test.crash')).state).toBe('done');
		await database.close();
		await app?.cleanup();
		rmSync(dataDir, { recursive: true, force: true });
	});
});
