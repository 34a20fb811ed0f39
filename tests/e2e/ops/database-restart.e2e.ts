// A database failure is an outage, not a crash. One Kith instance runs on a PostgreSQL server of
// this journey's own; a facilitator keeps posting to a live room (the write load) while a member
// watches it, and the server is stopped as a crashing machine would stop it, then started again.
// The instance must stay up, say it is not ready while the database is gone (and still serve
// the crisis page), be ready again soon after, and every message it acknowledged must reach the
// member's open room once, in order, without a reload; a message refused during the outage and
// sent again by the composer (same client id) is kept once. What the member writes during the
// outage stays in the composer with the reason, and is sent once Kith is back.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '../fixtures/test';
import { demoRoomPath } from '../../../src/lib/server/demo/demo-room-ids';
import { postForm } from '../fixtures/api-session';
import {
	freePort,
	instanceEnv,
	isReady,
	seedDemo,
	startInstance,
	stopInstance,
	waitReady,
	type Instance
} from '../fixtures/instances';
import { openReady, signInAs } from '../fixtures/sign-in';
import {
	postgresBin,
	throwawayPostgres,
	type ThrowawayPostgres
} from '../fixtures/throwaway-postgres';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it holds; returns the milliseconds it took. */
async function timeUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
		await sleep(50);
	}
	return Date.now() - started;
}

test.describe('@pglite-only the database stops and comes back', () => {
	test.skip(!postgresBin(), 'needs the PostgreSQL server binaries (Debian package postgresql)');
	test.setTimeout(240_000);

	let postgres: ThrowawayPostgres | undefined;
	let kith: Instance | undefined;
	let dataDir = '';

	test.beforeAll(async () => {
		test.setTimeout(240_000);
		postgres = await throwawayPostgres();
		dataDir = mkdtempSync(join(tmpdir(), 'kith-restart-'));
		const env = instanceEnv(postgres.url, dataDir);
		seedDemo(env);
		kith = startInstance(env, await freePort(3250));
		await waitReady(kith);
	});

	// eslint-disable-next-line no-empty-pattern -- Playwright wants its fixtures destructured.
	test.afterEach(({}, testInfo) => {
		if (kith && testInfo.status !== testInfo.expectedStatus)
			writeFileSync(
				testInfo.outputPath('kith-output.txt'),
				`${kith.output.join('')}\nexit: ${kith.process.exitCode} ${kith.process.signalCode}\n`
			);
	});

	test.afterAll(async () => {
		if (kith) await stopInstance(kith);
		postgres?.destroy();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	test('the instance stays up, and the open room catches up with every acknowledged message', async ({
		browser
	}) => {
		if (!kith || !postgres) throw new Error('the instance did not start');
		const instance = kith;
		const database = postgres;
		const room = demoRoomPath('demo');
		const open = async (role: 'peer_worker' | 'member'): Promise<Page> => {
			const page = await (await browser.newContext({ baseURL: instance.url })).newPage();
			await signInAs(page, role);
			await openReady(page, room);
			return page;
		};
		const facilitator = await open('peer_worker');
		await facilitator.getByRole('button', { name: 'Open the room' }).click();
		await expect(facilitator.getByText('Connected')).toBeVisible();
		const member = await open('member');
		await expect(member.getByText('Connected')).toBeVisible();

		// The write load: the facilitator posts every 100 ms, as the composer does (a new client
		// id per message, kept on a retry), and keeps what Kith acknowledged.
		const send = async (body: string, clientId: string) => {
			const res = await postForm(facilitator.request, instance.url, `${room}?/send`, {
				body,
				clientId
			}).catch(() => null);
			const answer = res?.ok() ? ((await res.json()) as { type?: string }) : null;
			return answer?.type === 'redirect';
		};
		const acknowledged: string[] = [];
		const refused: { body: string; clientId: string }[] = [];
		let loading = true;
		const load = (async () => {
			for (let n = 1; loading; n++) {
				const body = `load message ${n}`;
				const clientId = randomUUID();
				if (await send(body, clientId)) acknowledged.push(body);
				else refused.push({ body, clientId });
				await sleep(100);
			}
		})();
		const acknowledgedReach = (count: number) =>
			timeUntil(async () => acknowledged.length >= count, 30_000);

		await acknowledgedReach(10);
		database.stop('immediate');
		const stoppedAt = acknowledged.length;
		const noticedMs = await timeUntil(async () => !(await isReady(instance)), 10_000);
		expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
		const crisis = await fetch(`${instance.url}/crisis/demo`);
		expect(crisis.status).toBe(200);
		const home = await facilitator.request.get('/home', { maxRedirects: 0 });
		expect(home.status()).toBe(503);
		expect(await home.text()).toContain('Kith is briefly unavailable');
		// The member writes meanwhile: the room says why it was not sent, and keeps the text.
		const composer = member.getByLabel('Your message');
		const written = 'Written while Kith was away';
		await composer.fill(written);
		await composer.press('Enter');
		await expect(member.getByText(/cannot reach its records for a moment/)).toBeVisible();
		await expect(composer).toHaveValue(written);
		await sleep(2_000);
		// Nothing was acknowledged while the database was away.
		expect(acknowledged.length).toBe(stoppedAt);

		database.start();
		const recoveryMs = await timeUntil(() => isReady(instance), 60_000);
		await acknowledgedReach(stoppedAt + 10);
		loading = false;
		await load;
		// Sent again once Kith is back: posted once, the composer empties.
		await member.getByRole('button', { name: 'Send' }).click();
		await expect(composer).toHaveValue('');

		expect(instance.process.exitCode, instance.output.join('')).toBeNull();
		expect(refused.length).toBeGreaterThan(0);
		const firstTime = [...acknowledged];
		// The composer resends what was refused with the same client id: one the database had
		// kept before its answer was lost is not kept twice.
		for (const { body, clientId } of refused) {
			expect(await send(body, clientId), body).toBe(true);
			acknowledged.push(body);
		}
		// The member's room, never reloaded, shows every acknowledged message once, in order.
		const shown = member.locator('ol.messages');
		await expect(member.getByText('Connected')).toBeVisible({ timeout: 30_000 });
		const last = refused.at(-1)?.body ?? '';
		await expect(shown.getByText(last, { exact: true })).toHaveCount(1, { timeout: 30_000 });
		const texts = async (page: Page) =>
			(await page.locator('ol.messages').allInnerTexts())
				.join('\n')
				.split('\n')
				.filter((line) => line.startsWith('load message '));
		const live = await texts(member);
		for (const body of acknowledged)
			expect(
				live.filter((t) => t === body),
				body
			).toHaveLength(1);
		expect(new Set(live).size, 'no message shown twice').toBe(live.length);
		// Those acknowledged the first time, in the order they were sent.
		const inOrder = live.filter((t) => firstTime.includes(t));
		expect(inOrder).toEqual(firstTime);

		await expect(shown.getByText(written, { exact: true })).toHaveCount(1);

		// What the database kept: the same, read afresh.
		await member.reload();
		const stored = await texts(member);
		for (const body of acknowledged)
			expect(
				stored.filter((t) => t === body),
				body
			).toHaveLength(1);
		expect(new Set(stored).size, 'no message stored twice').toBe(stored.length);
		await expect(member.locator('ol.messages').getByText(written, { exact: true })).toHaveCount(1);
		// For docs/BENCHMARKS.md.
		console.log(
			`database restart: /readyz 503 after ${noticedMs} ms; 200 again ${recoveryMs} ms after ` +
				`PostgreSQL accepted connections; ${firstTime.length} acknowledged, ${refused.length} ` +
				`refused and sent again; all shown once in the open room`
		);
	});
});
