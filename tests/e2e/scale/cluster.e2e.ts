// Cluster mode, the deployment default on PostgreSQL (scripts/serve.js, decision 0013): one port,
// two worker processes. A worker killed outright is replaced; a session made before the
// replacement works on the new process too; and SIGTERM then ends every worker gracefully and
// the primary with them, within seconds (an earlier attempt hung here after a replacement).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
// eslint-disable-next-line no-restricted-imports -- no page is opened here: the CSP guard's browser would only cost time.
import { expect, test } from '@playwright/test';
import { emailOf } from '../fixtures/accounts';
import { signInForState } from '../fixtures/api-session';
import {
	freePort,
	instanceEnv,
	seedDemo,
	startInstance,
	stopInstance,
	waitReady,
	type Instance
} from '../fixtures/instances';

const adminUrl = process.env.TEST_DATABASE_URL;

async function withAdmin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** The primary's child processes (its workers), from Linux's /proc. */
function workersOf(pid: number | undefined): number[] {
	if (!pid) return [];
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

const alive = (pid: number): boolean => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

const serving = (kith: Instance, pid: number): boolean =>
	kith.output.join('').includes(`"pid":${pid},"msg":"a worker is serving"`);

test.describe('cluster mode: two workers behind one port', () => {
	test.skip(!adminUrl, 'needs PostgreSQL: set TEST_DATABASE_URL (PGlite runs one process)');
	test.setTimeout(180_000);

	const database = `kith_e2e_cluster_${randomBytes(5).toString('hex')}`;
	let dataDir = '';
	let kith: Instance | undefined;

	test.beforeAll(async () => {
		test.setTimeout(180_000);
		dataDir = mkdtempSync(join(tmpdir(), 'kith-cluster-'));
		await withAdmin(`create database ${database}`);
		const url = new URL(adminUrl ?? '');
		url.pathname = `/${database}`;
		const env = instanceEnv(url.toString(), dataDir);
		seedDemo(env);
		kith = startInstance({ ...env, KITH_WORKERS: '2', LOG_LEVEL: 'info' }, await freePort(3210));
		await waitReady(kith);
	});

	test.afterAll(async () => {
		if (kith) await stopInstance(kith);
		await withAdmin(`drop database if exists ${database} with (force)`).catch(() => undefined);
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	test('a killed worker is replaced, sessions work on the new one, and SIGTERM ends them all @pglite-only', async ({
		playwright
	}) => {
		if (!kith) throw new Error('the cluster did not start');
		const instance = kith;
		const primary = instance.process.pid;
		await expect.poll(() => workersOf(primary).filter((w) => serving(instance, w))).toHaveLength(2);
		const [first, second] = workersOf(primary);
		if (!first || !second) throw new Error('two workers were expected');

		const member = await playwright.request.newContext({ baseURL: instance.url });
		const state = await signInForState(member, instance.url, emailOf('member'));
		await member.dispose();

		// Killed as the kernel's out-of-memory killer would: no chance to clean up.
		process.kill(first, 'SIGKILL');
		await expect
			.poll(() => workersOf(primary).filter((w) => w !== first && w !== second), {
				timeout: 20_000
			})
			.toHaveLength(1);
		const [replacement] = workersOf(primary).filter((w) => w !== second);
		if (!replacement) throw new Error('no replacement');
		await expect.poll(() => serving(instance, replacement), { timeout: 60_000 }).toBe(true);
		expect(instance.process.exitCode).toBeNull();

		// Each request on a new connection: the primary hands them to its workers in turn, so the
		// replacement, which never saw the sign-in, answers some of them. Every one is the
		// member's own page.
		const signedIn = await playwright.request.newContext({
			baseURL: instance.url,
			storageState: state,
			extraHTTPHeaders: { connection: 'close' }
		});
		for (let i = 0; i < 6; i++) {
			const home = await signedIn.get('/home', { maxRedirects: 0 });
			expect(home.status()).toBe(200);
			expect(await home.text()).toContain('Maya Member');
		}
		await signedIn.dispose();

		const started = Date.now();
		const exited = new Promise<number | null>((resolve) =>
			instance.process.once('exit', (code) => resolve(code))
		);
		instance.process.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect([second, replacement].filter(alive)).toEqual([]);
		// Each worker went through the graceful stop (streams, queues, audit seal, database).
		expect(instance.output.join('').match(/"msg":"stopped"/g)).toHaveLength(2);
	});
});
