import type { App } from '../app';
import { logger } from '../logger';
import { sendDueReminders } from './send-due-reminders';

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Sends due reminders now and then every few minutes (KITH_REMINDER_INTERVAL_SECONDS) while the
 * server runs. Several instances may
 * run this: an advisory lock lets one at a time work, and deliveries are unique, so nobody gets a
 * reminder twice. The timer does not keep the process alive.
 */
export function startReminderLoop(app: App): void {
	if (timer || app.config.KITH_REMINDERS === 'off') return;
	const run = () => {
		sendDueReminders({ db: app.db, mail: app.mailer, origin: app.config.ORIGIN }).then(
			(r) => {
				if (r.inApp + r.email + r.failed > 0)
					logger.info({ inApp: r.inApp, email: r.email, failed: r.failed }, 'reminders sent');
			},
			(e: unknown) => logger.error({ err: e }, 'reminders failed')
		);
	};
	timer = setInterval(run, app.config.KITH_REMINDER_INTERVAL_SECONDS * 1000);
	timer.unref();
	run();
}

/** Stops the loop (shutdown); a round under way finishes on its own. */
export function stopReminderLoop(): void {
	if (timer) clearInterval(timer);
	timer = undefined;
}
