import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { auditLog } from '../audit/audit.schema';
import { recordAuditAlone } from '../audit/record-audit';
import { logger } from '../logger';
import { startPeriodic, stopPeriodicJobs } from './periodic';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A promise and the function that settles it, for holding a run at a point of the test's choosing. */
function gate(): { opened: Promise<void>; open: () => void } {
	let open = () => {};
	const opened = new Promise<void>((done) => (open = done));
	return { opened, open };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await sleep(5);
	}
}

describe.each(dbKinds)('periodic jobs on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterEach(async () => {
		await stopPeriodicJobs();
		vi.restoreAllMocks();
	});
	afterAll(async () => app.cleanup());

	const name = () => `test job ${randomBytes(4).toString('hex')}`;
	// A run's write is an audit record marked with the test's own id, so runs can be counted.
	const written = async (marker: string) =>
		(await app.db.select().from(auditLog).where(eq(auditLog.entityId, marker))).length;
	const write = (marker: string) =>
		recordAuditAlone(app.db, {
			actorUserId: null,
			actingRole: null,
			siteId: null,
			action: 'audit.read',
			entityType: 'test_job',
			entityId: marker,
			outcome: 'success',
			ip: null,
			details: null
		});

	it('waits at stop for the run under way, whose write is then committed; no run follows', async () => {
		const action = `job.${randomBytes(4).toString('hex')}`;
		const started = gate();
		const held = gate();
		let runs = 0;
		const job = startPeriodic({
			name: name(),
			everyMs: 10,
			run: async () => {
				runs++;
				started.open();
				await held.opened;
				await write(action);
			}
		});
		await started.opened;
		let stopped = false;
		const stopping = job.stop().then(() => {
			stopped = true;
		});
		await sleep(100);
		expect(stopped).toBe(false);
		expect(await written(action)).toBe(0);
		held.open();
		await stopping;
		expect(await written(action)).toBe(1);
		await sleep(60);
		expect(runs).toBe(1);
	});

	it('runs the final work once at stop, after the run under way', async () => {
		const action = `job.${randomBytes(4).toString('hex')}`;
		const started = gate();
		const held = gate();
		const order: string[] = [];
		const job = startPeriodic({
			name: name(),
			everyMs: 60_000,
			run: async () => {
				started.open();
				await held.opened;
				order.push('run');
			},
			final: async () => {
				order.push('final');
				await write(action);
			}
		});
		await started.opened;
		const stopping = job.stop();
		held.open();
		await stopping;
		expect(order).toEqual(['run', 'final']);
		expect(await written(action)).toBe(1);
	});

	it('never starts a run while the one before is under way', async () => {
		let active = 0;
		let most = 0;
		let runs = 0;
		startPeriodic({
			name: name(),
			everyMs: 5,
			run: async () => {
				active++;
				most = Math.max(most, active);
				runs++;
				// Several ticks long, and real work on the database.
				await app.db.transaction(async (tx) => {
					await tx.execute(sql`select 1`);
					await sleep(40);
				});
				active--;
			}
		});
		await until(() => runs >= 4);
		await stopPeriodicJobs();
		expect(most).toBe(1);
		expect(active).toBe(0);
	});

	it('logs a failed run and goes on with the next', async () => {
		const errors = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
		const action = `job.${randomBytes(4).toString('hex')}`;
		const jobName = name();
		let calls = 0;
		startPeriodic({
			name: jobName,
			everyMs: 10,
			run: () => {
				calls++;
				// A failure thrown at once, one from the database, then runs that work.
				if (calls === 1) throw new Error('thrown at once');
				if (calls === 2) return app.db.execute(sql`select * from no_such_table`);
				return write(action);
			}
		});
		await until(() => calls >= 4);
		await stopPeriodicJobs();
		expect(await written(action)).toBeGreaterThanOrEqual(2);
		expect(errors.mock.calls.filter(([, message]) => message === `${jobName} failed`)).toHaveLength(
			2
		);
	});

	it('stops every job together, each after its run under way', async () => {
		const held = gate();
		const done: string[] = [];
		const a = gate();
		const b = gate();
		for (const [label, started] of [
			['a', a],
			['b', b]
		] as const)
			startPeriodic({
				name: name(),
				everyMs: 10,
				run: async () => {
					started.open();
					await held.opened;
					await write(`job.stop-all.${label}`);
					done.push(label);
				}
			});
		await Promise.all([a.opened, b.opened]);
		const stopping = stopPeriodicJobs();
		await sleep(50);
		expect(done).toEqual([]);
		held.open();
		await stopping;
		expect(done.sort()).toEqual(['a', 'b']);
	});

	it('runs one job per name: starting it again answers the one running', async () => {
		const jobName = name();
		let runs = 0;
		const first = startPeriodic({ name: jobName, everyMs: 60_000, run: async () => void runs++ });
		const again = startPeriodic({ name: jobName, everyMs: 10, run: async () => void runs++ });
		expect(again).toBe(first);
		await sleep(50);
		expect(runs).toBe(1);
	});
});
