// Cold start on the embedded database: from spawning the built server to the first 200 from /signin.
// Usage: npx vite build && npx tsx bench/cold-start.ts [--runs 5]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
	freePort,
	median,
	root,
	runsArg,
	setUpDataDir,
	spawnServer,
	waitFor200,
	type DataDir,
	type Server
} from './lib/server';

const BUDGET_MS = 5000;
const POLL_MS = 10;

/**
 * Baselines measured in the same runs, so a slow figure can be read against the machine's load:
 * a bare Node HTTP server (process start), and opening the same PGlite folder and reading the
 * migrations table (what the server's init does before it listens).
 */
const bareServer = `require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT)`;
const pgliteOpen = `const t = performance.now();
const { PGlite } = await import('@electric-sql/pglite');
const db = new PGlite(process.env.KITH_DATA_DIR + '/pglite');
await db.query('select count(*) from drizzle.__drizzle_migrations');
console.log(performance.now() - t);
await db.close();`;

function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
	return new Promise((done, fail) => {
		let out = '';
		const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.once('error', fail);
		child.once('exit', (code) =>
			code === 0 ? done(Number(out.trim())) : fail(new Error(`baseline exited ${code}`))
		);
	});
}

async function bareNodeMs(): Promise<number> {
	const port = await freePort();
	const started = performance.now();
	const child = spawn(process.execPath, ['-e', bareServer], {
		env: { ...process.env, PORT: String(port) },
		stdio: 'ignore'
	});
	try {
		await waitFor200(`http://127.0.0.1:${port}/`, child, 60_000, POLL_MS);
		return performance.now() - started;
	} finally {
		child.kill('SIGKILL');
	}
}

async function main(): Promise<void> {
	const runs = runsArg();
	let data: DataDir | undefined;
	let server: Server | undefined;
	try {
		// Set up once (migrations, demo site), as after `npm run kith -- setup`; every run then
		// starts a new server process on that same PGlite folder.
		data = await setUpDataDir();
		const times: number[] = [];
		const bare: number[] = [];
		const pglite: number[] = [];
		for (let i = 0; i < runs; i++) {
			bare.push(await bareNodeMs());
			pglite.push(
				await timeProcess(['--input-type=module', '-e', pgliteOpen], { KITH_DATA_DIR: data.dir })
			);
			const port = await freePort();
			const started = performance.now();
			server = spawnServer(data.dir, port);
			await waitFor200(`${server.origin}/signin`, server.child, 60_000, POLL_MS);
			const ms = performance.now() - started;
			times.push(ms);
			process.stderr.write(
				`run ${i + 1}/${runs}: ${ms.toFixed(0)} ms (bare node ${bare[i]?.toFixed(0)} ms, PGlite open ${pglite[i]?.toFixed(0)} ms)\n`
			);
			await server.stop();
			server = undefined;
		}
		const med = median(times);
		const ok = med < BUDGET_MS;
		console.log(
			`\ncold start (spawn \`node scripts/serve.js\` on a set-up PGlite data dir → first 200 from GET /signin, polled every ${POLL_MS} ms)`
		);
		console.log(`runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
		console.log(
			`median of ${runs}: ${med.toFixed(0)} ms (budget < ${BUDGET_MS} ms) ${ok ? 'pass' : 'FAIL'}`
		);
		console.log(
			`baselines, same runs: bare Node HTTP server to first 200 ${median(bare).toFixed(0)} ms; ` +
				`PGlite open of the data dir + one query (inside one process) ${median(pglite).toFixed(0)} ms; ` +
				`load average ${loadavg()
					.map((l) => l.toFixed(1))
					.join(' ')}`
		);

		const date = new Date().toISOString().slice(0, 10);
		const outDir = join(root, 'bench', 'results');
		mkdirSync(outDir, { recursive: true });
		const file = join(outDir, `cold-start-${date}.json`);
		writeFileSync(
			file,
			JSON.stringify(
				{
					date: new Date().toISOString(),
					machine: {
						cpus: cpus().length,
						cpuModel: cpus()[0]?.model,
						totalMemMB: Math.round(totalmem() / 2 ** 20),
						freeMemMB: Math.round(freemem() / 2 ** 20),
						node: process.version
					},
					runs: times,
					medianMs: med,
					baselines: {
						bareNodeMs: bare,
						bareNodeMedianMs: median(bare),
						pgliteOpenMs: pglite,
						pgliteOpenMedianMs: median(pglite)
					},
					loadAverage: loadavg(),
					budgetMs: BUDGET_MS,
					pass: ok
				},
				null,
				2
			)
		);
		console.log(`written ${file}`);
		process.exitCode = ok ? 0 : 1;
	} finally {
		await server?.stop();
		data?.remove();
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
	process.exitCode = 2;
});
