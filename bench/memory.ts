// Memory under mixed load: does each Kith process's resident memory stay under 300 MB after 10
// minutes, and come back toward where it started once the load stops? (QUALITY.md, the
// Performance issue.) One built server on a fresh demo site; 10 clients load the member's home,
// a lesson, the group board and a thread of 21 posts in turn, and one in ten requests posts a
// reply (a write with its audit record); then the load stops and the server idles. Each server
// process reports process.memoryUsage() every second (KITH_MEMORY_LOG_SECONDS, scripts/serve.js):
// RSS, the JavaScript heap, memory outside it (external) and Buffers (arrayBuffers).
// Usage: npm run bench:memory [-- --minutes 10 --idle-seconds 60 --clients 10]
//        [--postgres] [--workers N]   (both need TEST_DATABASE_URL; --workers runs cluster mode)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, root, setUpDataDir, spawnServer, waitFor200 } from './lib/server';
import { benchDatabase, benchPages, fetchPage, numberArg, postAction, signIn } from './lib/pages';

const BUDGET_MB = 300;
const minutes = numberArg('minutes', 10);
const idleSeconds = numberArg('idle-seconds', 60);
const clients = numberArg('clients', 10);
const workers = process.argv.includes('--workers') ? numberArg('workers', 2) : 1;

type Sample = {
	at: number;
	pid: number;
	rssMb: number;
	heapUsedMb: number;
	externalMb: number;
	arrayBuffersMb: number;
};
const samples: Sample[] = [];

const dropDatabase = await benchDatabase();
// On PostgreSQL serve.js runs one worker per core unless told: one process unless --workers.
process.env.KITH_WORKERS = String(workers);
process.env.KITH_MEMORY_LOG_SECONDS = '1';
const database = `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${workers} process(es)`;
console.log(
	`memory bench: ${database}, ${clients} clients, ${minutes} min of load, ${idleSeconds} s idle, ` +
		`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '(unset)'}, load average ${(await import('node:os')).loadavg()[0]?.toFixed(1)}`
);
const data = await setUpDataDir();
const server = spawnServer(data.dir, await freePort());
let pending = '';
server.child.stderr?.on('data', (d: Buffer) => {
	pending += d.toString();
	const lines = pending.split('\n');
	pending = lines.pop() ?? '';
	for (const line of lines) {
		if (!line.includes('"msg":"memory"')) continue;
		const m = JSON.parse(line) as Omit<Sample, 'at'>;
		samples.push({ ...m, at: Date.now() });
	}
});

/** Each process's latest sample at or before `at`. */
const snapshot = (at: number): Map<number, Sample> => {
	const latest = new Map<number, Sample>();
	for (const s of samples) if (s.at <= at) latest.set(s.pid, s);
	return latest;
};
const show = (label: string, snap: Map<number, Sample>) => {
	for (const s of snap.values())
		console.log(
			`${label.padEnd(22)} pid ${s.pid}: RSS ${s.rssMb} MB, heap ${s.heapUsedMb} MB, ` +
				`external ${s.externalMb} MB (buffers ${s.arrayBuffersMb} MB)`
		);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

try {
	await waitFor200(`${server.origin}/readyz`, server.child, 90_000);
	const cookie = await signIn(server.origin, data.password);
	const pages = await benchPages(server.origin, cookie);
	const scratch = await postAction(server.origin, cookie, `${pages.board}?/post`, {
		title: 'A thread the memory bench writes to',
		body: 'Replies here come from the memory bench.'
	});
	// Warm up once, then let the first samples come.
	for (const path of Object.values(pages)) await fetchPage(server.origin + path, cookie);
	await sleep(3000);
	const start = snapshot(Date.now());
	show('after start', start);

	const end = Date.now() + minutes * 60_000;
	let requests = 0;
	const paths = Object.values(pages);
	const client = async (n: number) => {
		for (let i = n; Date.now() < end; i++) {
			if (i % 10 === 9)
				await postAction(server.origin, cookie, `${scratch.location}?/reply`, {
					body: `Bench reply ${i}: a cup of tea and some quiet.`
				});
			else await fetchPage(server.origin + (paths[i % paths.length] ?? '/home'), cookie);
			requests++;
		}
	};
	const ticker = setInterval(() => {
		const now = snapshot(Date.now());
		const rss = [...now.values()].map((s) => `${s.rssMb}`).join(' / ');
		console.log(
			`  ${Math.round((end - Date.now()) / 1000)} s left, ${requests} requests, RSS ${rss} MB`
		);
	}, 30_000);
	await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
	clearInterval(ticker);
	const loadEnded = Date.now();
	await sleep(1500);
	const afterLoad = snapshot(Date.now());
	show('end of load', afterLoad);
	await sleep(idleSeconds * 1000);
	const afterIdle = snapshot(Date.now());
	show(`after ${idleSeconds} s idle`, afterIdle);

	const peak = new Map<number, number>();
	for (const s of samples)
		if (s.at <= loadEnded + 1500) peak.set(s.pid, Math.max(peak.get(s.pid) ?? 0, s.rssMb));
	const perProcess = [...start.keys()].map((pid) => ({
		pid,
		startRssMb: start.get(pid)?.rssMb ?? NaN,
		peakRssMb: peak.get(pid) ?? NaN,
		endOfLoadRssMb: afterLoad.get(pid)?.rssMb ?? NaN,
		afterIdleRssMb: afterIdle.get(pid)?.rssMb ?? NaN,
		afterIdleHeapUsedMb: afterIdle.get(pid)?.heapUsedMb ?? NaN
	}));
	const pass = perProcess.every(
		(p) => p.endOfLoadRssMb < BUDGET_MB && p.afterIdleRssMb < BUDGET_MB
	);
	console.log(
		`${requests} requests in ${minutes} min (${Math.round(requests / (minutes * 60))} req/s); ` +
			perProcess
				.map(
					(p) =>
						`pid ${p.pid}: RSS ${p.startRssMb} → peak ${p.peakRssMb} → idle ${p.afterIdleRssMb} MB`
				)
				.join('; ') +
			` — ${pass ? 'pass' : 'FAIL'} (budget < ${BUDGET_MB} MB per process)`
	);
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	const file = join(root, 'bench/results', `memory-${new Date().toISOString()}.json`);
	writeFileSync(
		file,
		JSON.stringify(
			{ database, minutes, idleSeconds, clients, requests, perProcess, samples },
			null,
			2
		)
	);
	console.log(`results: ${file}`);
	if (!pass) process.exitCode = 1;
} finally {
	await server.stop();
	data.remove();
	await dropDatabase();
}
