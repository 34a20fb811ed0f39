import type { App } from '../app';
import { logger } from '../logger';
import { registerJobHandler, registerRecurring } from '../scheduler/scheduler';
import { sendDueReminders } from './send-due-reminders';

/** The scheduler's job kind of a round of group reminders. */
export const REMINDER_JOB = 'groups.reminders';

/**
 * Makes this instance send due reminders through the scheduler: one round every
 * KITH_REMINDER_INTERVAL_SECONDS (a recurring job, one per interval however many instances
 * enqueue it), unless KITH_REMINDERS is off, when this instance neither enqueues nor runs them
 * (another one may). Deliveries are unique per session, person and channel, so a round run again
 * after a crash sends nobody a reminder twice.
 */
export function startReminderLoop(app: App): void {
	if (app.config.KITH_REMINDERS === 'off') return;
	registerJobHandler(REMINDER_JOB, async () => {
		const r = await sendDueReminders({ db: app.db, mail: app.mailer, origin: app.config.ORIGIN });
		if (r.inApp + r.email + r.failed > 0)
			logger.info({ inApp: r.inApp, email: r.email, failed: r.failed }, 'reminders sent');
	});
	registerRecurring({
		kind: REMINDER_JOB,
		everyMs: app.config.KITH_REMINDER_INTERVAL_SECONDS * 1000
	});
}
