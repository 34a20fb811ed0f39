// Authenticated page renders per second: the demo member's home, a lesson, the group board and a
// board thread of 21 posts, each loaded by 10 concurrent clients for a fixed time. QUALITY.md's
// budget is ≥ 500 requests/s and p99 < 100 ms at a fixed 300 requests/s, on 2 cores with
// PostgreSQL. Every answer must be the member's full page (200, their name in the shell, the
// closing </html>): a redirect to sign-in is a failure. Each page's run is followed by the same
// run against a bare Node HTTP server sending the very bytes Kith sent (the ceiling), and the
// ratio is reported.
//
// It runs on the embedded database by default (read those figures as the same machine's before
// and after); with --postgres it makes a fresh database on TEST_DATABASE_URL's server and runs
// one Kith process there; --workers N runs cluster mode with N workers (scripts/serve.js).
// --rate R holds a fixed arrival rate of R requests/s per page instead (requests start on a
// schedule whether or not earlier ones have answered, as people would) and reports p99.
// Usage: npm run bench:render [-- --seconds 10 --clients 10] [--postgres] [--workers 2]
//        [--rate 300]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server as HttpServer } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { freePort, root, setUpDataDir, spawnServer, waitFor200 } from './lib/server';
import { benchDatabase, benchPages, fetchPage, numberArg, signIn } from './lib/pages';

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

type Result = {
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	failures: number;
	htmlBytes: number;
	sentBytes: number;
};

function summary(latencies: number[], elapsedS: number, failures: number, bytes: number[]): Result {
	const sorted = latencies.sort((a, b) => a - b);
	return {
		requestsPerSecond: round(latencies.length / elapsedS),
		p50Ms: round(percentile(sorted, 50)),
		p99Ms: round(percentile(sorted, 99)),
		failures,
		htmlBytes: bytes[0] ?? 0,
		sentBytes: bytes[1] ?? 0
	};
}

/** `clients` loops fetching `url` for `seconds`; every answer must be the member's full page. */
async function closedLoop(url: string, cookie: string, clients: number, seconds: number) {
	const latencies: number[] = [];
	let bytes: number[] = [];
	const end = performance.now() + seconds * 1000;
	const client = async () => {
		while (performance.now() < end) {
			const started = performance.now();
			const page = await fetchPage(url, cookie);
			latencies.push(performance.now() - started);
			bytes = [page.htmlBytes, page.sentBytes];
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: clients }, client));
	return summary(latencies, (performance.now() - started) / 1000, 0, bytes);
}

/**
 * A fixed arrival rate: a request starts every 1/rate s for `seconds`, however many are still
 * waiting. Latency counts from the planned start, so a server that falls behind shows it.
 */
async function fixedRate(url: string, cookie: string, rate: number, seconds: number) {
	const latencies: number[] = [];
	let failures = 0;
	let bytes: number[] = [];
	const total = Math.round(rate * seconds);
	const started = performance.now();
	const inFlight: Promise<void>[] = [];
	for (let i = 0; i < total; i++) {
		const planned = started + (i * 1000) / rate;
		const wait = planned - performance.now();
		if (wait > 1) await new Promise((r) => setTimeout(r, wait));
		inFlight.push(
			fetchPage(url, cookie).then(
				(page) => {
					latencies.push(performance.now() - planned);
					bytes = [page.htmlBytes, page.sentBytes];
				},
				() => {
					failures++;
				}
			)
		);
	}
	await Promise.all(inFlight);
	return summary(latencies, (performance.now() - started) / 1000, failures, bytes);
}

/** A bare Node HTTP server answering every request with the bytes Kith sent for the page. */
async function ceilingServer(origin: string, path: string, cookie: string) {
	// node:http, not fetch: fetch would decode the body, and the bare server sends it as sent.
	const { body, encoding } = await new Promise<{ body: Buffer; encoding: string | null }>(
		(done, fail) => {
			get(origin + path, { headers: { cookie, 'accept-encoding': 'br, gzip' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					if (res.statusCode !== 200) fail(new Error(`${path} answered ${res.statusCode}`));
					const e = res.headers['content-encoding'];
					done({ body: Buffer.concat(chunks), encoding: typeof e === 'string' ? e : null });
				});
			}).once('error', fail);
		}
	);
	const bare: HttpServer = createServer((_req, answer) => {
		answer.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			'content-length': body.byteLength,
			...(encoding ? { 'content-encoding': encoding } : {})
		});
		answer.end(body);
	});
	const port = await freePort();
	await new Promise<void>((r) => bare.listen(port, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => bare.close(r)) };
}

const seconds = numberArg('seconds', 10);
const clients = numberArg('clients', 10);
const rate = process.argv.includes('--rate') ? numberArg('rate', 300) : 0;
const workers = process.argv.includes('--workers') ? numberArg('workers', 2) : 1;
const dropDatabase = await benchDatabase();
// On PostgreSQL serve.js runs one worker per core unless told: one process unless --workers.
process.env.KITH_WORKERS = String(workers);
const database = `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${workers} process(es)`;
const mode = rate ? `${rate} req/s held` : `${clients} clients`;
console.log(
	`render bench: ${database}, ${mode}, ${seconds} s per page, load average ${loadavg()[0]?.toFixed(1)}`
);
const data = await setUpDataDir();
const server = spawnServer(data.dir, await freePort());
try {
	await waitFor200(`${server.origin}/readyz`, server.child, 90_000);
	const cookie = await signIn(server.origin, data.password);
	const pages = await benchPages(server.origin, cookie);
	// Warm up: the first render of each page compiles and caches.
	for (const path of Object.values(pages)) await closedLoop(server.origin + path, cookie, 2, 1);
	const results: Record<string, { kith: Result; bare: Result; ratio: number }> = {};
	for (const [name, path] of Object.entries(pages)) {
		const run = (url: string) =>
			rate ? fixedRate(url, cookie, rate, seconds) : closedLoop(url, cookie, clients, seconds);
		const kith = await run(server.origin + path);
		// The ceiling runs right after, under the same load of the machine.
		const bare = await ceilingServer(server.origin, path, cookie);
		const ceiling = await run(bare.url).finally(bare.close);
		const ratio = round(ceiling.requestsPerSecond / kith.requestsPerSecond);
		results[name] = { kith, bare: ceiling, ratio };
		console.log(
			`${name.padEnd(7)} ${String(kith.requestsPerSecond).padStart(7)} req/s  ` +
				`p50 ${kith.p50Ms} ms  p99 ${kith.p99Ms} ms  ` +
				(kith.failures ? `${kith.failures} FAILED  ` : '') +
				`${kith.htmlBytes} B (${kith.sentBytes} B sent)  ` +
				`bare Node ${ceiling.requestsPerSecond} req/s (p99 ${ceiling.p99Ms} ms): ${ratio}×`
		);
	}
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	const file = join(root, 'bench/results', `render-${new Date().toISOString()}.json`);
	writeFileSync(
		file,
		JSON.stringify({ database, mode, seconds, loadAverage: loadavg(), results }, null, 2)
	);
	console.log(`results: ${file}`);
} finally {
	await server.stop();
	data.remove();
	await dropDatabase();
}
