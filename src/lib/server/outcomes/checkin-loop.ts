import { and, eq, inArray } from 'drizzle-orm';
import type { App } from '../app';
import { logger } from '../logger';
import { registerJobHandler, registerRecurring } from '../scheduler/scheduler';
import { registerNotificationKind } from '../notifications/kinds';
import { checkinResponses } from './outcomes.schema';
import { CHECKIN_DUE, runCheckinWindows } from './open-windows';

/** The scheduler's job kind of a round of check-in windows. */
export const CHECKIN_WINDOWS_JOB = 'outcomes.windows';

/** How often windows are opened and closed: a window's edge is at most this late. */
const EVERY_MS = 5 * 60 * 1000;

/**
 * Makes this instance open and close check-in windows through the platform scheduler (one
 * recurring job per interval however many instances enqueue it), and makes "a check-in is open"
 * known to the notification centre: it leads to the check-in while it is still the person's own
 * and open.
 */
export function startCheckinLoop(app: App): void {
	registerNotificationKind(CHECKIN_DUE, {
		reachable: async (db, actor, ids) => {
			const site = actor.site;
			if (!site || ids.length === 0) return new Set();
			const rows = await db
				.select({ id: checkinResponses.id })
				.from(checkinResponses)
				.where(
					and(
						inArray(checkinResponses.id, ids),
						eq(checkinResponses.siteId, site.id),
						eq(checkinResponses.userId, actor.userId)
					)
				);
			return new Set(rows.map((r) => r.id));
		},
		link: (n) => `/checkins/${n.targetId}`
	});
	registerJobHandler(CHECKIN_WINDOWS_JOB, async () => {
		const r = await runCheckinWindows({ db: app.db, mail: app.mailer, origin: app.config.ORIGIN });
		if (r.opened + r.missed + r.emailed > 0) logger.info(r, 'check-in windows');
	});
	registerRecurring({ kind: CHECKIN_WINDOWS_JOB, everyMs: EVERY_MS });
}
