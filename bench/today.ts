// Server time of Today (/home) with about ten cards, on PostgreSQL (QUALITY.md: member home
// under 50 ms server time). The demo member is given more to see than a member has — a
// facilitator's, moderator's, site admin's and carer's roles on the demo site, an open urgent
// moderation item, an invitation, a failed reminder and a goal shared with them — so every
// capability's card loads on one page. One client asking in turn measures the time of one
// render (on this machine, with no network in between); ten clients the throughput beside it.
// Usage: npm run bench:today [-- --seconds 5]   (needs TEST_DATABASE_URL: a fresh database is made)
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { demoGroupId } from '../src/lib/server/demo/seed-demo-group';
import { freePort, root, setUpDataDir, spawnServer, waitFor200 } from './lib/server';

const MEMBER_EMAIL = 'member@demo.kith.local';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}
const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

async function signIn(origin: string, password: string): Promise<string> {
	const res = await fetch(`${origin}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: MEMBER_EMAIL, password })
	});
	await res.arrayBuffer();
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (res.status !== 303 || cookies.length === 0)
		throw new Error(`signing in failed: ${res.status}`);
	return cookies.join('; ');
}

async function load(url: string, cookie: string, clients: number, seconds: number) {
	const latencies: number[] = [];
	const end = performance.now() + seconds * 1000;
	const client = async () => {
		while (performance.now() < end) {
			const started = performance.now();
			const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
			await res.arrayBuffer();
			if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
			latencies.push(performance.now() - started);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: clients }, client));
	const elapsed = (performance.now() - started) / 1000;
	const sorted = latencies.sort((a, b) => a - b);
	return {
		requests: sorted.length,
		requestsPerSecond: round(sorted.length / elapsed),
		p50Ms: round(percentile(sorted, 50)),
		p95Ms: round(percentile(sorted, 95)),
		p99Ms: round(percentile(sorted, 99))
	};
}

/** Gives the demo member something on every card (see the top of this file). */
async function fillToday(databaseUrl: string): Promise<void> {
	const db = new pg.Client({ connectionString: databaseUrl });
	await db.connect();
	try {
		const one = async (sql: string, params: unknown[] = []) =>
			(await db.query(sql, params)).rows[0] as Record<string, string>;
		const { id: userId } = await one(`select id from "user" where email = $1`, [MEMBER_EMAIL]);
		const { id: siteId } = await one(`select id from sites where slug = 'demo'`);
		const groupId = demoGroupId('demo');
		for (const role of ['peer_worker', 'moderator', 'site_admin', 'carer'])
			await db.query(`insert into memberships (site_id, user_id, role) values ($1, $2, $3)`, [
				siteId,
				userId,
				role
			]);
		await db.query(
			`insert into group_facilitators (group_id, user_id, kind) values ($1, $2, 'peer')`,
			[groupId, userId]
		);
		await db.query(
			`insert into moderation_items (site_id, group_id, target_type, target_id, author_id, kind, urgency, reason, created_at)
			 values ($1, $2, 'board_post', gen_random_uuid()::text, $3, 'risk', 'urgent', 'bench', now() - interval '2 hours')`,
			[siteId, groupId, userId]
		);
		await db.query(
			`insert into invitations (site_id, email, role, token_hash, expires_at)
			 values ($1, 'invited@bench.kith.local', 'member', md5(random()::text), now() + interval '1 day')`,
			[siteId]
		);
		await db.query(
			`insert into reminder_deliveries (session_id, user_id, channel, status)
			 select id, $2, 'email', 'failed' from group_sessions where group_id = $1 order by starts_at limit 1`,
			[groupId, userId]
		);
		await db.query(
			`insert into goal_shares (goal_id, shared_with_user_id) select id, $1 from goals where user_id = $1`,
			[userId]
		);
	} finally {
		await db.end();
	}
}

const admin = process.env.TEST_DATABASE_URL;
if (!admin)
	throw new Error('bench:today needs TEST_DATABASE_URL (a server it may create a database on)');
const seconds = arg('seconds', 5);
const name = `kith_bench_${Date.now().toString(36)}`;
const c = new pg.Client({ connectionString: admin });
await c.connect();
await c.query(`create database ${name}`);
await c.end();
const url = new URL(admin);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
// One process, as its earlier figures were taken (serve.js runs one per core on PostgreSQL).
process.env.KITH_WORKERS ??= '1';
console.log(`today bench: PostgreSQL, one process, ${seconds} s per run`);
const data = await setUpDataDir();
const server = spawnServer(data.dir, await freePort());
try {
	await waitFor200(`${server.origin}/readyz`, server.child, 60_000);
	const cookie = await signIn(server.origin, data.password);
	const cardsOn = async () => {
		const page = await fetch(`${server.origin}/home`, { headers: { cookie } });
		return [...(await page.text()).matchAll(/data-card="([^"]+)"/g)].map((m) => m[1]);
	};
	const time = (path: string) => load(server.origin + path, cookie, 1, seconds);
	// The shared machine is noisy: Today is timed beside a page with the same shell, sign-in
	// check and layout but no cards ("coming soon"), in turns, and the medians are compared.
	const baseline = '/messages';
	await load(`${server.origin}/home`, cookie, 2, 2);
	await load(server.origin + baseline, cookie, 2, 2);
	const demoCards = await cardsOn();
	const demoHome = await time('/home');
	console.log(`demo member (${demoCards.length} cards): p50 ${demoHome.p50Ms} ms`);
	await fillToday(process.env.DATABASE_URL ?? '');
	const cards = await cardsOn();
	console.log(`cards on the page (${cards.length}): ${cards.join(', ')}`);
	const rounds: {
		home: Awaited<ReturnType<typeof time>>;
		shell: Awaited<ReturnType<typeof time>>;
	}[] = [];
	for (let i = 0; i < 3; i++)
		rounds.push({ shell: await time(baseline), home: await time('/home') });
	const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
	const alone = {
		homeP50Ms: med(rounds.map((r) => r.home.p50Ms)),
		homeP95Ms: med(rounds.map((r) => r.home.p95Ms)),
		shellP50Ms: med(rounds.map((r) => r.shell.p50Ms)),
		shellP95Ms: med(rounds.map((r) => r.shell.p95Ms))
	};
	for (const [i, r] of rounds.entries())
		console.log(
			`round ${i + 1}: home p50 ${r.home.p50Ms} ms p95 ${r.home.p95Ms} ms | ${baseline} p50 ${r.shell.p50Ms} ms p95 ${r.shell.p95Ms} ms`
		);
	console.log(
		`median: home (${cards.length} cards) p50 ${alone.homeP50Ms} ms p95 ${alone.homeP95Ms} ms; ` +
			`${baseline} p50 ${alone.shellP50Ms} ms; the cards add ${round(alone.homeP50Ms - alone.shellP50Ms)} ms`
	);
	const busy = await load(`${server.origin}/home`, cookie, 10, seconds);
	console.log(
		`10 clients:  ${busy.requestsPerSecond} req/s  p50 ${busy.p50Ms} ms  p99 ${busy.p99Ms} ms`
	);
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	const file = join(root, 'bench/results', `today-${new Date().toISOString()}.json`);
	writeFileSync(
		file,
		JSON.stringify({ seconds, demoCards, demoHome, cards, rounds, alone, busy }, null, 2)
	);
	console.log(`results: ${file}`);
} finally {
	await server.stop();
	data.remove();
	const d = new pg.Client({ connectionString: admin });
	await d.connect();
	await d.query(`drop database if exists ${name} with (force)`);
	await d.end();
}
