// Starts and stops a built Kith server for the benchmarks: its own data folder, its own port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => done(port));
		});
	});
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((done, fail) => {
		const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.once('error', fail);
		child.once('exit', (code) =>
			code === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out}`))
		);
	});
}

export type DataDir = { dir: string; password: string; remove: () => void };

/**
 * A fresh temporary data folder with the demo site, made by the operator command
 * (`kith setup`), exactly as a person installing Kith would.
 */
export async function setUpDataDir(): Promise<DataDir> {
	const dir = mkdtempSync(join(tmpdir(), 'kith-bench-'));
	const password = `bench-${Math.random().toString(36).slice(2)}-Pw1`;
	await run(
		process.execPath,
		[join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/kith.ts', 'setup'],
		{
			...process.env,
			KITH_DATA_DIR: dir,
			KITH_DEMO_PASSWORD: password,
			LOG_LEVEL: 'warn'
		}
	);
	return { dir, password, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Server = { origin: string; child: ChildProcess; stop: () => Promise<void> };

/** Spawns `node scripts/serve.js` on the data folder; resolves once the process is running. */
export function spawnServer(dataDir: string, port: number): Server {
	const origin = `http://localhost:${port}`;
	// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": node flags for the server (Node
	// refuses profiling flags in NODE_OPTIONS).
	const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, 'scripts/serve.js'], {
		cwd: root,
		env: {
			...process.env,
			KITH_DATA_DIR: dataDir,
			PORT: String(port),
			ORIGIN: origin,
			LOG_LEVEL: 'warn',
			// One benchmark signs the member in once per page and run: more than a person would.
			KITH_SIGNIN_LIMIT: '200'
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	// Never leave the server behind, even when the benchmark is interrupted or crashes.
	const killNow = () => child.kill('SIGKILL');
	process.once('exit', killNow);
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, () => {
			killNow();
			process.exit(130);
		});
	let stderr = '';
	child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
	child.once('exit', (code, signal) => {
		if (code && code !== 0) console.error(`server exited ${code ?? signal}\n${stderr}`);
	});
	const stop = () =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			const force = setTimeout(() => child.kill('SIGKILL'), 5000);
			child.once('exit', () => {
				clearTimeout(force);
				done();
			});
			child.kill('SIGTERM');
		});
	return { origin, child, stop };
}

/** Polls `url` until it answers 200; fails after `timeoutMs` or when the server exits. */
export async function waitFor200(
	url: string,
	child: ChildProcess,
	timeoutMs = 30_000,
	intervalMs = 25
): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before ${url}`);
		try {
			const res = await fetch(url, { redirect: 'manual' });
			await res.arrayBuffer();
			if (res.status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length === 0
		? NaN
		: s.length % 2
			? (s[mid] ?? NaN)
			: ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

/** The runs count from `--runs N` (default 5). */
export function runsArg(fallback = 5): number {
	const i = process.argv.indexOf('--runs');
	const raw =
		i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--runs='))?.slice(7);
	const n = raw ? Number(raw) : fallback;
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`--runs must be a positive integer, got ${raw}`);
	return n;
}
