// Two app processes on one PostgreSQL behave as one service: a session made on one is valid on
// the other, and signing out on either ends it everywhere.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { E2E_PASSWORD, emailOf } from '../fixtures/accounts';
import { actionRedirect, postForm, signInForState } from '../fixtures/api-session';

const adminUrl = process.env.TEST_DATABASE_URL;
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The first port from `from` nobody listens on (3000, 3100 and 3101 belong to others). */
async function freePort(from: number): Promise<number> {
	for (let port = from; port < from + 100; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const probe = createServer()
				.once('error', () => resolve(false))
				.listen(port, () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error(`no free port from ${from}`);
}

async function withAdmin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

type Instance = { url: string; process: ChildProcess; output: string[] };

async function waitReady(instance: Instance): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (instance.process.exitCode !== null)
			throw new Error(`${instance.url} exited:\n${instance.output.join('')}`);
		const ready = await fetch(`${instance.url}/readyz`).then(
			(r) => r.ok,
			() => false
		);
		if (ready) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${instance.url} not ready in 60 s:\n${instance.output.join('')}`);
}

test.describe('two instances on one PostgreSQL', () => {
	test.skip(!adminUrl, 'needs PostgreSQL: set TEST_DATABASE_URL to run the two-instance test');
	test.setTimeout(240_000);

	const database = `kith_e2e_two_${randomBytes(5).toString('hex')}`;
	let dataDir = '';
	const instances: Instance[] = [];
	const contexts: APIRequestContext[] = [];

	test.beforeAll(async () => {
		test.setTimeout(240_000);
		dataDir = mkdtempSync(join(tmpdir(), 'kith-two-'));
		await withAdmin(`create database ${database}`);
		const url = new URL(adminUrl ?? '');
		url.pathname = `/${database}`;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			DATABASE_URL: url.toString(),
			KITH_SECRET: randomBytes(32).toString('hex'),
			KITH_DATA_DIR: dataDir,
			LOG_LEVEL: 'warn'
		};
		for (const args of [
			['setup', '--no-demo'],
			['seed:demo', '--password', E2E_PASSWORD]
		]) {
			const run = spawnSync('npx', ['tsx', 'src/cli/kith.ts', ...args], {
				cwd: root,
				env,
				encoding: 'utf8'
			});
			if (run.status !== 0) throw new Error(`kith ${args[0]} failed:\n${run.stdout}${run.stderr}`);
		}
		let port = 3200;
		for (let i = 0; i < 2; i++) {
			port = await freePort(port);
			const origin = `http://localhost:${port}`;
			const child = spawn(process.execPath, ['scripts/serve.js'], {
				cwd: root,
				env: { ...env, PORT: String(port), ORIGIN: origin },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			const output: string[] = [];
			child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
			child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
			instances.push({ url: origin, process: child, output });
			port++;
		}
		await Promise.all(instances.map(waitReady));
	});

	test.afterAll(async () => {
		for (const c of contexts) await c.dispose();
		await Promise.all(
			instances.map(
				(i) =>
					new Promise<void>((resolve) => {
						if (i.process.exitCode !== null || i.process.signalCode !== null) return resolve();
						i.process.once('exit', () => resolve());
						i.process.kill('SIGTERM');
					})
			)
		);
		await withAdmin(`drop database if exists ${database} with (force)`).catch(() => undefined);
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	test('a session made on one instance works on the other, and sign-out ends it on both @pglite-only', async ({
		playwright
	}) => {
		const [a, b] = instances;
		if (!a || !b) throw new Error('the two instances did not start');
		const onA = await playwright.request.newContext({ baseURL: a.url });
		contexts.push(onA);
		const state = await signInForState(onA, a.url, emailOf('member'));

		// Cookies are per host, not per port: B's context starts with the very cookie A set.
		const onB = await playwright.request.newContext({ baseURL: b.url, storageState: state });
		contexts.push(onB);
		const home = await onB.get('/home', { maxRedirects: 0 });
		expect(home.status()).toBe(200);
		expect(await home.text()).toContain('Maya Member');

		const signOut = await postForm(onB, b.url, '/signout', {});
		expect(await actionRedirect(signOut)).toBe('/signin?reason=signed-out');

		// A's context still holds the cookie; the session behind it is gone on A as well.
		const after = await onA.get('/home', { maxRedirects: 0 });
		expect(after.status()).toBe(303);
		expect(after.headers()['location']).toMatch(/^\/signin\?next=%2Fhome/);
	});
});
