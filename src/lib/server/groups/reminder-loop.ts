import type { App } from '../app';
import { logger } from '../logger';
import { startPeriodic } from '../jobs/periodic';
import { sendDueReminders } from './send-due-reminders';

/**
 * Sends due reminders now and then every few minutes (KITH_REMINDER_INTERVAL_SECONDS) while the
 * server runs, unless KITH_REMINDERS is off; shutdown stops it with every periodic job. Several
 * instances may run this: an advisory lock lets one at a time work, and deliveries are unique,
 * so nobody gets a reminder twice.
 */
export function startReminderLoop(app: App): void {
	if (app.config.KITH_REMINDERS === 'off') return;
	startPeriodic({
		name: 'reminders',
		everyMs: app.config.KITH_REMINDER_INTERVAL_SECONDS * 1000,
		run: async () => {
			const r = await sendDueReminders({ db: app.db, mail: app.mailer, origin: app.config.ORIGIN });
			if (r.inApp + r.email + r.failed > 0)
				logger.info({ inApp: r.inApp, email: r.email, failed: r.failed }, 'reminders sent');
		}
	});
}
