// Two app processes on one PostgreSQL behave as one service: a session made on one is valid on
// the other, and signing out on either ends it everywhere.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '../fixtures/test';
import pg from 'pg';
import { emailOf } from '../fixtures/accounts';
import { actionRedirect, postForm, signInForState } from '../fixtures/api-session';
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
		const env = instanceEnv(url.toString(), dataDir);
		seedDemo(env);
		let port = 3200;
		for (let i = 0; i < 2; i++) {
			port = await freePort(port);
			instances.push(startInstance(env, port));
			port++;
		}
		await Promise.all(instances.map((i) => waitReady(i)));
	});

	test.afterAll(async () => {
		for (const c of contexts) await c.dispose();
		await Promise.all(instances.map(stopInstance));
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
