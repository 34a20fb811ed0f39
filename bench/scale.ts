// The 100,000-member scale test (Performance issue, QUALITY.md: < 50 ms server time p95): on a
// database grown by `npm run kith -- seed:scale`, one built instance serves the demo member's
// home, a board of a 20-member group (20 threads of 10 posts), one of its threads, the moderation
// queue (moderator) and the admin's people list (site admin). One client asks in turn, the pages
// interleaved, so each figure is the time of one render plus a local round trip; the load
// average is printed beside it, since the machine is shared.
//
// Usage (the data folder and password the seed used; the folder holds the secret that the seeded
// ciphertexts were made with):
//   SCALE_DATABASE_URL=postgres://…/kith_scale KITH_DEMO_PASSWORD=… \
//     npm run bench:scale -- --data-dir <folder> [--rounds 100] [--pages home,board,thread,queue,people]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, root, spawnServer, waitFor200 } from './lib/server';

const BUDGET_MS = 50;

function option(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const url = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kith_scale';
const dataDir = option('data-dir');
const password = option('password') ?? process.env.KITH_DEMO_PASSWORD;
const rounds = Number(option('rounds') ?? 100);
if (!url.startsWith('postgres'))
	throw new Error('bench:scale needs PostgreSQL (SCALE_DATABASE_URL)');
if (!dataDir || !password)
	throw new Error(
		'bench:scale needs --data-dir <folder> and KITH_DEMO_PASSWORD, as seed:scale used'
	);

/** The id seed-scale.ts gives a thread: md5('scale-thread-<group>-<thread>'), version 4 shaped. */
const md5uuid = (s: string) => {
	const d = createHash('md5').update(s).digest('hex');
	const h = `${d.slice(0, 12)}4${d.slice(13, 16)}8${d.slice(17)}`;
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const group = '00000000-0000-4000-8000-000000000001';

async function signIn(origin: string, email: string): Promise<string> {
	const res = await fetch(`${origin}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: password ?? '' })
	});
	await res.arrayBuffer();
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (res.status !== 303 || cookies.length === 0)
		throw new Error(`signing in as ${email} failed: ${res.status}`);
	return cookies.join('; ');
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round1 = (n: number) => Math.round(n * 10) / 10;

process.env.DATABASE_URL = url;
const server = spawnServer(dataDir, await freePort());
try {
	await waitFor200(`${server.origin}/readyz`, server.child, 60_000);
	const member = await signIn(server.origin, 'member@demo.kith.local');
	const moderator = await signIn(server.origin, 'moderator@demo.kith.local');
	const admin = await signIn(server.origin, 'admin@demo.kith.local');
	const all: { key: string; name: string; path: string; cookie: string; expect: string }[] = [
		// The same shell and sign-in check, nothing of the site's size on it: what the load costs.
		{ key: 'shell', name: 'shell (/help)', path: '/help', cookie: member, expect: '<h1' },
		{ key: 'home', name: 'member home', path: '/home', cookie: member, expect: '<h1' },
		{
			key: 'board',
			name: 'group board',
			path: `/groups/${group}/board`,
			cookie: member,
			expect: 'Thread 20'
		},
		{
			key: 'thread',
			name: 'thread (10 posts)',
			path: `/groups/${group}/board/${md5uuid('scale-thread-1-20')}`,
			cookie: member,
			expect: 'A reply, number 9'
		},
		{
			key: 'queue',
			name: 'moderation queue',
			path: '/moderation',
			cookie: moderator,
			expect: '<h1'
		},
		{
			key: 'people',
			name: 'admin people list',
			path: '/admin/people',
			cookie: admin,
			expect: '<h1'
		}
	];
	const only = option('pages')?.split(',');
	const pages = all.filter((p) => !only || only.includes(p.key));
	const times = new Map(pages.map((p) => [p.name, [] as number[]]));
	const ask = async (p: (typeof pages)[number]) => {
		const started = performance.now();
		const res = await fetch(server.origin + p.path, {
			headers: { cookie: p.cookie, 'accept-encoding': 'identity' },
			redirect: 'manual'
		});
		const body = await res.text();
		const ms = performance.now() - started;
		if (res.status !== 200) throw new Error(`${p.name} ${p.path} answered ${res.status}`);
		if (!body.includes(p.expect)) throw new Error(`${p.name} does not show "${p.expect}"`);
		return ms;
	};
	for (let i = 0; i < 5; i++) for (const p of pages) await ask(p);
	const loadBefore = loadavg()[0] ?? 0;
	for (let i = 0; i < rounds; i++) for (const p of pages) times.get(p.name)?.push(await ask(p));
	const loadAfter = loadavg()[0] ?? 0;
	const results = pages.map((p) => {
		const sorted = (times.get(p.name) ?? []).sort((a, b) => a - b);
		return {
			page: p.name,
			path: p.path,
			p50Ms: round1(percentile(sorted, 50)),
			p95Ms: round1(percentile(sorted, 95)),
			maxMs: round1(sorted[sorted.length - 1] ?? NaN)
		};
	});
	console.log(
		`scale bench: ${rounds} rounds, one client, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`
	);
	for (const r of results)
		console.log(
			`${r.page.padEnd(20)} p50 ${String(r.p50Ms).padStart(6)} ms  p95 ${String(r.p95Ms).padStart(6)} ms` +
				`  max ${r.maxMs} ms  ${r.p95Ms < BUDGET_MS ? 'pass' : 'over'}`
		);
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	const file = join(root, 'bench/results', `scale-${new Date().toISOString()}.json`);
	writeFileSync(file, JSON.stringify({ rounds, loadBefore, loadAfter, results }, null, 2));
	console.log(`results: ${file}`);
	process.exitCode = results.every((r) => r.p95Ms < BUDGET_MS) ? 0 : 1;
} finally {
	await server.stop();
}
