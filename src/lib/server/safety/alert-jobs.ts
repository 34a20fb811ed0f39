// Safety alerts at start: their notification kinds in the centre and their scheduler jobs
// (emails and escalation). Called once from hooks.server.ts, like the group reminders.
import { z } from 'zod';
import type { App } from '../app';
import { AppError } from '../errors';
import { registerNotificationKind } from '../notifications/kinds';
import { registerJobHandler, type JobHandler } from '../scheduler/scheduler';
import { alertFor } from './alert-access';
import {
	SAFETY_ALERT,
	SAFETY_CRISIS_HELP,
	SAFETY_EMAIL_JOB,
	SAFETY_ESCALATE_JOB
} from './alert-kinds';
import { escalateSafetyAlert } from './escalate-safety-alert';
import { sendAlertEmails } from './send-alert-emails';

const ZEmailJob = z.object({ alertId: z.string(), level: z.number().int() });
const ZEscalateJob = z.object({ alertId: z.string() });

/** The notification kinds of safety alerts; both are urgent (never held by quiet hours). */
export function registerSafetyNotifications(): void {
	registerNotificationKind(SAFETY_ALERT, {
		urgent: true,
		reachable: async (db, actor, alertIds) => {
			const seen = new Set<string>();
			for (const id of alertIds)
				try {
					await alertFor(db, actor, id);
					seen.add(id);
				} catch (e) {
					if (!(e instanceof AppError && e.code === 'not_found')) throw e;
				}
			return seen;
		},
		link: (n) => `/safety/alerts/${n.targetId}`
	});
	// Shared with the person themselves: it leads to the crisis page, which is always theirs.
	registerNotificationKind(SAFETY_CRISIS_HELP, {
		urgent: true,
		reachable: async (_db, actor, ids) => new Set(ids.filter((id) => id === actor.userId)),
		link: () => '/crisis'
	});
}

/** The scheduler's handlers of safety alerts: their emails and their escalation. */
export function safetyJobHandlers(
	app: Pick<App, 'db' | 'mailer' | 'config'>
): Map<string, JobHandler> {
	return new Map<string, JobHandler>([
		[
			SAFETY_EMAIL_JOB,
			async (job) => {
				const p = ZEmailJob.parse(job.payload);
				await sendAlertEmails({
					db: app.db,
					mail: app.mailer,
					origin: app.config.ORIGIN,
					alertId: p.alertId,
					level: p.level
				});
			}
		],
		[
			SAFETY_ESCALATE_JOB,
			async (job) => {
				await escalateSafetyAlert({ db: app.db, alertId: ZEscalateJob.parse(job.payload).alertId });
			}
		]
	]);
}

/** Makes this instance send alert emails and escalate alerts through the scheduler. */
export function startSafetyAlerts(app: App): void {
	registerSafetyNotifications();
	for (const [kind, handler] of safetyJobHandlers(app)) registerJobHandler(kind, handler);
}
