// A graceful stop for the built server (adapter-node). On SIGTERM or SIGINT adapter-node stops
// taking connections and waits for open requests to finish, for up to SHUTDOWN_TIMEOUT (30 s),
// before it emits 'sveltekit:shutdown'. Live-room streams never finish by themselves, so they
// are ended as soon as the signal comes: browsers reconnect with Last-Event-ID (to another
// instance behind the proxy) and miss nothing. Once the HTTP server has closed, the realtime
// connection and the database close too, so nothing keeps the process alive.
import type { App } from './app';
import { closeLiveRooms } from './live-room/hubs';
import { stopReminderLoop } from './groups/reminder-loop';
import { sealAuditTrail, stopAuditSealer } from './audit/seal-audit-trail';
import { logger } from './logger';

let installed = false;

/** Installs the stop sequence once per process; the built server calls it from its init hook. */
export function stopGracefully(app: App): void {
	if (installed) return;
	installed = true;
	let ending: Promise<void> | null = null;
	const endStreams = (): Promise<void> =>
		(ending ??= closeLiveRooms(app).catch((e: unknown) =>
			logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'closing live rooms')
		));
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
			await closeLiveRooms(app);
			stopReminderLoop();
			// Seal what the last requests wrote, so the chain is whole when this instance is gone.
			await stopAuditSealer();
			await sealAuditTrail({ db: app.db });
			await app.realtime.close();
			await app.database.close();
			logger.info('stopped');
		})().catch((e: unknown) =>
			logger.error({ err: e instanceof Error ? e.message : 'unknown' }, 'stopping')
		);
	});
}
