// Authenticated page renders per second: the demo member's home, a lesson, the group board and a
// board thread, each loaded by 10 concurrent clients for a fixed time on one built instance.
// QUALITY.md's budget is ≥ 500 requests/s (and p99 < 100 ms at 300 requests/s) on 2 cores with
// PostgreSQL. It runs on the embedded database by default (read those figures as the same
// machine's before and after); with --postgres it makes a fresh database on TEST_DATABASE_URL's
// server and runs one Kith process there (scripts/serve.js has no cluster mode yet).
// Usage: npm run bench:render [-- --seconds 10 --clients 10] [--postgres]
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

async function signIn(origin: string, password: string): Promise<string> {
	const res = await fetch(`${origin}/signin`, {
		method: 'POST',
		redirect: 'manual',
		// As a browser's form post: a page, not the action's JSON answer.
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: MEMBER_EMAIL, password })
	});
	await res.arrayBuffer();
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (res.status !== 303 || cookies.length === 0)
		throw new Error(`signing in failed: ${res.status}`);
	return cookies.join('; ');
}

/** `clients` loops fetching `url` for `seconds`; every answer must be 200. */
async function load(url: string, cookie: string, clients: number, seconds: number) {
	const latencies: number[] = [];
	let bytes = 0;
	let sent = 0;
	const end = performance.now() + seconds * 1000;
	const client = async () => {
		while (performance.now() < end) {
			const started = performance.now();
			// As a browser asks: compressed if Kith will (fetch decodes it; the header tells the size sent).
			const res = await fetch(url, {
				headers: { cookie, 'accept-encoding': 'br, gzip' },
				redirect: 'manual'
			});
			const body = await res.arrayBuffer();
			if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
			latencies.push(performance.now() - started);
			bytes = body.byteLength;
			sent = Number(res.headers.get('content-length') ?? body.byteLength);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: clients }, client));
	const elapsed = (performance.now() - started) / 1000;
	const sorted = latencies.sort((a, b) => a - b);
	return {
		requestsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
		p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
		p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
		htmlBytes: bytes,
		sentBytes: sent
	};
}

const seconds = arg('seconds', 10);
const clients = arg('clients', 10);
let dropDatabase = async (): Promise<void> => {};
if (process.argv.includes('--postgres')) {
	const admin = process.env.TEST_DATABASE_URL;
	if (!admin)
		throw new Error('--postgres needs TEST_DATABASE_URL (a server this may create a database on)');
	const name = `kith_bench_${Date.now().toString(36)}`;
	const c = new pg.Client({ connectionString: admin });
	await c.connect();
	await c.query(`create database ${name}`);
	await c.end();
	const url = new URL(admin);
	url.pathname = `/${name}`;
	process.env.DATABASE_URL = url.toString();
	dropDatabase = async () => {
		const d = new pg.Client({ connectionString: admin });
		await d.connect();
		await d.query(`drop database if exists ${name} with (force)`);
		await d.end();
	};
}
const database = process.env.DATABASE_URL ? 'PostgreSQL, one process' : 'PGlite, one process';
console.log(`render bench: ${database}, ${clients} clients, ${seconds} s per page`);
const data = await setUpDataDir();
const server = spawnServer(data.dir, await freePort());
try {
	await waitFor200(`${server.origin}/readyz`, server.child, 60_000);
	const cookie = await signIn(server.origin, data.password);
	const board = `/groups/${demoGroupId('demo')}/board`;
	// A thread of 21 posts, as the Performance issue measured: the member starts it and replies.
	const post = async (path: string, form: Record<string, string>) => {
		const res = await fetch(server.origin + path, {
			method: 'POST',
			headers: { cookie, origin: server.origin, accept: 'application/json' },
			body: new URLSearchParams(form)
		});
		const answer = (await res.json()) as { type: string; data?: string; location?: string };
		if (answer.type !== 'success' && answer.type !== 'redirect')
			throw new Error(`${path} answered ${JSON.stringify(answer).slice(0, 300)}`);
		return answer;
	};
	const started = await post(`${board}?/post`, {
		title: 'How do you keep going on hard days?',
		body: 'I would like to hear what helps other people here when a day is hard.'
	});
	const threadId = /\/board\/([0-9a-f-]{36})$/.exec(started.location ?? '')?.[1];
	if (!threadId) throw new Error('the new thread has no id');
	const thread = `${board}/${threadId}`;
	for (let i = 1; i <= 20; i++)
		await post(`${thread}?/reply`, { body: `Reply ${i}: a short walk and a call to a friend.` });
	const pages = {
		home: '/home',
		lesson: '/courses/recovery-skills/what-recovery-means',
		board,
		thread
	};
	// Warm up: the first render of each page compiles and caches.
	for (const path of Object.values(pages)) await load(server.origin + path, cookie, 2, 1);
	const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
	for (const [name, path] of Object.entries(pages)) {
		results[name] = await load(server.origin + path, cookie, clients, seconds);
		console.log(
			`${name.padEnd(7)} ${String(results[name].requestsPerSecond).padStart(7)} req/s  ` +
				`p50 ${results[name].p50Ms} ms  p99 ${results[name].p99Ms} ms  ` +
				`${results[name].htmlBytes} B (${results[name].sentBytes} B sent)`
		);
	}
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	const file = join(root, 'bench/results', `render-${new Date().toISOString()}.json`);
	writeFileSync(file, JSON.stringify({ database, seconds, clients, results }, null, 2));
	console.log(`results: ${file}`);
} finally {
	await server.stop();
	data.remove();
	await dropDatabase();
}
