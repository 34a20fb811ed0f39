// A graceful stop for the built server (adapter-node). On SIGTERM or SIGINT adapter-node stops
// taking connections and waits for open requests to finish, for up to SHUTDOWN_TIMEOUT (30 s),
// before it emits 'sveltekit:shutdown'. Live-room streams never finish by themselves, so they
// are ended as soon as the signal comes: browsers reconnect with Last-Event-ID (to another
// instance behind the proxy) and miss nothing. Once the HTTP server has closed, the periodic jobs
// stop (their runs under way finish first), the audit trail is sealed, and the realtime
// connection and the database close, so nothing keeps the process alive.
//
// This file is foundation and imports no capability: a capability with streams to end hands its
// closer over with registerStreamCloser() when the server starts.
import type { App } from './app';
import { sealAuditTrail } from './audit/seal-audit-trail';
import { stopPeriodicJobs } from './jobs/periodic';
import { flushWritesBehind } from './db/write-behind';
import { logger } from './logger';

const streamClosers = new Set<() => Promise<void>>();

/**
 * Ends a capability's open streams when the instance stops, and again once the HTTP server has
 * closed (for streams that were still opening when the signal came). The closer waits for its
 * streams to be gone.
 */
export function registerStreamCloser(close: () => Promise<void>): void {
	streamClosers.add(close);
}

const closeStreams = async (): Promise<void> => {
	await Promise.all(
		[...streamClosers].map((close) =>
			close().catch((e: unknown) =>
				logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'closing streams')
			)
		)
	);
};

let installed = false;

/** Installs the stop sequence once per process; the built server calls it from its init hook. */
export function stopGracefully(app: App): void {
	if (installed) return;
	installed = true;
	let ending: Promise<void> | null = null;
	const endStreams = (): Promise<void> => (ending ??= closeStreams());
	for (const signal of ['SIGTERM', 'SIGINT'] as const)
		process.once(signal, () => {
			logger.info({ signal }, 'stopping: ending live-room streams');
			const ended = endStreams();
			// Nobody else stops on this signal (`vite preview` and SIGINT): do what Node would have.
			if (process.listenerCount(signal) === 0)
				void ended.finally(() => process.kill(process.pid, signal));
		});
	process.once('sveltekit:shutdown', () => {
		void (async () => {
			await endStreams();
			// Streams that were still opening when the signal came have ended since: wait for them.
			await closeStreams();
			// No run of a periodic job (a reminder round, a sealing) may outlive the database.
			await stopPeriodicJobs();
			// Write what pages left behind (read marks, view records), then seal what the last
			// requests wrote, so the chain is whole when this instance is gone.
			await flushWritesBehind(app.db);
			await sealAuditTrail({ db: app.db });
			await app.realtime.close();
			await app.database.close();
			logger.info('stopped');
		})().catch((e: unknown) =>
			logger.error({ err: e instanceof Error ? e.message : 'unknown' }, 'stopping')
		);
	});
}
