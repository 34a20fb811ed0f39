// Starts the built Kith server. On PostgreSQL it uses every core: one primary process that only
// supervises, and one worker per core (`KITH_WORKERS` to choose), all answering on one port
// through node:cluster. On the embedded PGlite it is exactly one process: PGlite is a database
// inside the Node process and cannot be shared by several (decision 0013).
//
// The primary replaces a worker that dies, after a pause that grows with each death in a row
// (1 s, 2 s, 4 s … 30 s), never in a hot loop. SIGTERM or SIGINT stops every worker the way a
// single instance stops (streams ended, write-behind queues written, the audit trail sealed, the
// database closed: src/lib/server/shutdown.ts), and the primary exits once they are all gone.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

// Without ORIGIN, adapter-node would assume https and refuse form posts from
// http://localhost, so a local start gets the matching http origin.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

/** One JSON log line, as the workers' pino lines look; nothing personal is ever in it. */
const levels = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const threshold = levels[process.env.LOG_LEVEL ?? 'info'] ?? levels.info;
function log(level, msg, fields = {}) {
	if (levels[level] < threshold) return;
	const line = {
		level: levels[level],
		time: Date.now(),
		app: 'kith',
		role: 'primary',
		...fields,
		msg
	};
	process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** How many processes serve: 1 on PGlite, else KITH_WORKERS or one per core. */
function workerCount() {
	const raw = process.env.KITH_WORKERS;
	const asked = raw === undefined || raw === '' ? undefined : Number(raw);
	if (asked !== undefined && !(Number.isInteger(asked) && asked >= 1)) {
		log('error', 'Kith cannot start: KITH_WORKERS must be a whole number of 1 or more');
		process.exit(1);
	}
	if (!process.env.DATABASE_URL) {
		if (asked !== undefined && asked > 1)
			log('warn', 'the embedded database (PGlite) runs in one process: starting one, not several', {
				asked
			});
		return 1;
	}
	return asked ?? availableParallelism();
}

async function serve() {
	const { server } = await import('../build/index.js');
	// adapter-node serves /_app/ assets and static files before Kith's hooks run, so the hooks'
	// headers never reach them. Every response, asset or page, forbids type sniffing; this
	// listener runs before adapter-node's own, and the headers a response sets later are kept.
	server.server.prependListener('request', (_request, response) => {
		response.setHeader('X-Content-Type-Options', 'nosniff');
	});
	// V8 collects garbage when JavaScript allocates, so a process that goes quiet after a busy
	// spell keeps its peak heap resident for as long as it stays quiet. With --expose-gc (set
	// for workers below, and by `npm run serve`), one full collection 10 s after the last request
	// gives the heap's free pages back (decision 0013).
	const collect = globalThis.gc;
	if (typeof collect === 'function') {
		let sinceCollection = 0;
		let lastRequest = 0;
		server.server.on('request', () => {
			sinceCollection++;
			lastRequest = Date.now();
		});
		setInterval(() => {
			if (sinceCollection < 100 || Date.now() - lastRequest < 10_000) return;
			sinceCollection = 0;
			collect();
		}, 5000).unref();
	}
	// KITH_MEMORY_LOG_SECONDS=N: a "memory" log line every N seconds (bench/memory.ts reads them).
	const every = Number(process.env.KITH_MEMORY_LOG_SECONDS ?? 0);
	if (every > 0)
		setInterval(() => {
			const m = process.memoryUsage();
			const mb = (n) => Math.round((n / 1048576) * 10) / 10;
			process.stderr.write(
				`${JSON.stringify({
					level: 30,
					time: Date.now(),
					app: 'kith',
					pid: process.pid,
					rssMb: mb(m.rss),
					heapUsedMb: mb(m.heapUsed),
					heapTotalMb: mb(m.heapTotal),
					externalMb: mb(m.external),
					arrayBuffersMb: mb(m.arrayBuffers),
					msg: 'memory'
				})}\n`
			);
		}, every * 1000).unref();
}

/** The primary: forks, replaces, stops. It never serves a request itself. */
function supervise(count) {
	const MAX_DELAY_MS = 30_000;
	/** A worker that served this long was healthy: the next death starts the pauses again. */
	const HEALTHY_MS = 60_000;
	// Workers get SHUTDOWN_TIMEOUT (adapter-node, 30 s) to finish requests, then time to write
	// and seal; a worker still there after that is killed so the primary can end.
	const stopGraceMs = (Number(process.env.SHUTDOWN_TIMEOUT ?? 30) + 15) * 1000;
	const startedAt = new Map(); // worker id → when it started listening
	let deathsInARow = 0;
	let everListened = false;
	let stopping = false;
	let exitCode = 0;
	const respawns = new Set();
	// The workers whose process has not exited. Not cluster.workers: a worker leaves that list
	// only once it has both exited and disconnected, in either order, so it can still be
	// listed when its 'exit' comes.
	const alive = new Set();

	const fork = () => {
		// glibc gives each thread that allocates its own memory arena; with the thread pool's
		// compression and crypto work they hold memory the process no longer uses (decision 0013).
		const worker = cluster.fork({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' });
		alive.add(worker);
		worker.once('listening', () => {
			startedAt.set(worker.id, Date.now());
			everListened = true;
			log('info', 'a worker is serving', { pid: worker.process.pid });
			// Asked to stop while it was starting: now that it listens, it can stop gracefully.
			if (stopping) worker.process.kill('SIGTERM');
		});
		return worker;
	};

	cluster.on('exit', (worker, code, signal) => {
		const listenedAt = startedAt.get(worker.id);
		startedAt.delete(worker.id);
		alive.delete(worker);
		if (stopping) {
			if (alive.size === 0) {
				log('info', 'stopped: every worker has ended');
				process.exit(exitCode);
			}
			return;
		}
		if (!everListened) {
			// No worker ever started (a bad setting, a missing build): replacing it would fail the
			// same way, forever. Stop like a single process would.
			log('error', 'a worker failed before it could serve; stopping', { code, signal });
			stop('SIGTERM', code || 1);
			return;
		}
		deathsInARow = listenedAt && Date.now() - listenedAt >= HEALTHY_MS ? 1 : deathsInARow + 1;
		const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (deathsInARow - 1));
		log('error', 'a worker ended unexpectedly; replacing it', {
			pid: worker.process.pid,
			code,
			signal,
			replaceInMs: delay
		});
		const timer = setTimeout(() => {
			respawns.delete(timer);
			if (!stopping) fork();
		}, delay);
		respawns.add(timer);
	});

	function stop(signal, code = 0) {
		if (stopping) return;
		stopping = true;
		exitCode = code;
		for (const timer of respawns) clearTimeout(timer);
		respawns.clear();
		log('info', 'stopping every worker', { signal, workers: alive.size });
		if (alive.size === 0) process.exit(exitCode);
		for (const worker of alive) {
			// A signal, not worker.kill() or disconnect(): those wait for every connection to close
			// first, and a live room's stream never closes by itself. A worker still starting is
			// signalled once it listens (above): before that, adapter-node could not stop it.
			if (startedAt.has(worker.id) || code !== 0) worker.process.kill('SIGTERM');
		}
		setTimeout(() => {
			for (const worker of alive) {
				log('error', 'a worker did not stop in time; killing it', { pid: worker.process.pid });
				worker.process.kill('SIGKILL');
			}
		}, stopGraceMs).unref();
	}
	for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stop(signal));

	cluster.setupPrimary({ execArgv: [...process.execArgv, '--expose-gc'] });
	log('info', 'starting workers', { workers: count, port: process.env.PORT });
	for (let i = 0; i < count; i++) fork();
}

if (cluster.isPrimary) {
	const count = workerCount();
	if (count === 1) await serve();
	else supervise(count);
} else {
	// Once its HTTP server has closed, the channel to the primary must not keep a worker alive
	// after its graceful stop has closed everything else (streams, timers, the database). Before
	// that it may: in cluster mode the listening socket is the primary's, not the worker's.
	process.once('sveltekit:shutdown', () => process.channel?.unref());
	await serve();
}
