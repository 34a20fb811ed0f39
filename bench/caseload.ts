// Server time of the caseload page (/caseload) with 200 people on it, on PostgreSQL (QUALITY.md:
// caseload under 50 ms server time). The demo professional is given 200 more members on her care
// team, half of them also in a companionship of hers with contacts logged, so every row has its
// last contact looked up. One client asking in turn measures one render (no network in between);
// it is timed beside /notifications, a page with the same shell and sign-in check, in turns.
// Usage: npm run bench:caseload [-- --seconds 5]   (needs TEST_DATABASE_URL; a fresh database is
// made; run `npm run build` first)
import pg from 'pg';
import { freePort, median, setUpDataDir, spawnServer, waitFor200 } from './lib/server';

const PRO_EMAIL = 'professional@demo.kith.local';
const PEOPLE = 200;

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
		body: new URLSearchParams({ email: PRO_EMAIL, password })
	});
	await res.arrayBuffer();
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (res.status !== 303 || cookies.length === 0)
		throw new Error(`signing in failed: ${res.status}`);
	return cookies.join('; ');
}

async function time(url: string, cookie: string, seconds: number) {
	const latencies: number[] = [];
	const end = performance.now() + seconds * 1000;
	while (performance.now() < end) {
		const started = performance.now();
		const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
		latencies.push(performance.now() - started);
	}
	const sorted = latencies.sort((a, b) => a - b);
	return {
		requests: sorted.length,
		p50Ms: round(percentile(sorted, 50)),
		p95Ms: round(percentile(sorted, 95))
	};
}

/** 200 members on the demo professional's team; half with a companionship and three contacts. */
async function fillCaseload(databaseUrl: string): Promise<void> {
	const db = new pg.Client({ connectionString: databaseUrl });
	await db.connect();
	try {
		const one = async (sql: string, params: unknown[] = []) =>
			(await db.query(sql, params)).rows[0] as Record<string, string>;
		const { id: proId } = await one(`select id from "user" where email = $1`, [PRO_EMAIL]);
		const { id: siteId } = await one(`select id from sites where slug = 'demo'`);
		await db.query('begin');
		for (let i = 0; i < PEOPLE; i++) {
			const id = `bench-member-${i}`;
			await db.query(
				`insert into "user" (id, name, email, email_verified) values ($1, $2, $3, true)`,
				[id, `Bench Member ${i}`, `bench${i}@bench.kith.local`]
			);
			await db.query(`insert into profiles (user_id, display_name) values ($1, $2)`, [
				id,
				`Bench Member ${String(i).padStart(3, '0')}`
			]);
			await db.query(`insert into memberships (site_id, user_id, role) values ($1, $2, 'member')`, [
				siteId,
				id
			]);
			await db.query(
				`insert into care_team_assignments (site_id, member_id, supporter_id, role, started_on)
				 values ($1, $2, $3, $4, current_date - ($5::int % 300))`,
				[siteId, id, proId, i % 2 ? 'counsellor' : 'care_coordinator', i]
			);
			if (i % 2 === 0) {
				const { id: requestId } = await one(
					`insert into companion_requests (site_id, member_id, status, peer_id, accepted_at, ends_at)
					 values ($1, $2, 'ended', $3, now() - interval '200 days', now() - interval '20 days')
					 returning id`,
					[siteId, id, proId]
				);
				for (let k = 0; k < 3; k++)
					await db.query(
						`insert into companion_contacts (request_id, date, mode, minutes, logged_by)
						 values ($1, current_date - ($2::int * 7 + 20), 'phone', 30, $3)`,
						[requestId, (i + k) % 20, proId]
					);
			}
		}
		await db.query('commit');
	} finally {
		await db.end();
	}
}

const admin = process.env.TEST_DATABASE_URL;
if (!admin)
	throw new Error('bench:caseload needs TEST_DATABASE_URL (a server it may create a database on)');
const seconds = arg('seconds', 5);
const name = `kith_bench_${Date.now().toString(36)}`;
const c = new pg.Client({ connectionString: admin });
await c.connect();
await c.query(`create database ${name}`);
await c.end();
const url = new URL(admin);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
console.log(`caseload bench: PostgreSQL, one process, one client, ${seconds} s per run`);
const data = await setUpDataDir();
const server = spawnServer(data.dir, await freePort());
try {
	await waitFor200(`${server.origin}/readyz`, server.child, 60_000);
	await fillCaseload(process.env.DATABASE_URL ?? '');
	const cookie = await signIn(server.origin, data.password);
	const page = await (await fetch(`${server.origin}/caseload`, { headers: { cookie } })).text();
	const rows = (page.match(/<th scope="row"/g) ?? []).length;
	console.log(`people on the page: ${rows}`);
	if (rows < PEOPLE) throw new Error(`expected at least ${PEOPLE} rows, got ${rows}`);
	await time(`${server.origin}/caseload`, cookie, 2);
	const rounds: { caseload: number; shell: number; caseloadP95: number }[] = [];
	for (let i = 0; i < 3; i++) {
		const shell = await time(`${server.origin}/notifications`, cookie, seconds);
		const caseload = await time(`${server.origin}/caseload`, cookie, seconds);
		rounds.push({ caseload: caseload.p50Ms, caseloadP95: caseload.p95Ms, shell: shell.p50Ms });
		console.log(
			`round ${i + 1}: /caseload p50 ${caseload.p50Ms} ms, p95 ${caseload.p95Ms} ms (${caseload.requests} requests); /notifications p50 ${shell.p50Ms} ms`
		);
	}
	const result = {
		people: rows,
		caseloadP50Ms: median(rounds.map((r) => r.caseload)),
		caseloadP95Ms: median(rounds.map((r) => r.caseloadP95)),
		notificationsP50Ms: median(rounds.map((r) => r.shell))
	};
	console.log(JSON.stringify(result));
} finally {
	await server.stop();
	data.remove();
	const drop = new pg.Client({ connectionString: admin });
	await drop.connect();
	await drop.query(`drop database if exists ${name} with (force)`);
	await drop.end();
}
