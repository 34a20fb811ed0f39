import type { App } from '../app';
import { AppError } from '../errors';
import { registerNotificationKind } from '../notifications/kinds';
import { registerJobHandler } from '../scheduler/scheduler';
import { FOLLOW_UP_JOB, FOLLOW_UP_KIND } from './picks';
import { sendFollowUp } from './send-follow-up';
import { listMyPicks } from './my-picks';

/**
 * Makes pick follow-ups run on the platform scheduler (one job per pick and due time, enqueued
 * when the pick is made) and known to the notification centre: a follow-up leads to its pick's
 * page while the pick is still the member's and active.
 */
export function startResourceFollowUps(app: App): void {
	registerJobHandler(FOLLOW_UP_JOB, async (job) => {
		const pickId = job.payload.pickId;
		if (typeof pickId === 'string') await sendFollowUp(app.db, pickId);
	});
	registerNotificationKind(FOLLOW_UP_KIND, {
		reachable: async (db, actor, pickIds) => {
			try {
				const mine = await listMyPicks({ db, actor });
				return new Set(mine.map((p) => p.id).filter((id) => pickIds.includes(id)));
			} catch (e) {
				if (e instanceof AppError && e.code === 'not_found') return new Set();
				throw e;
			}
		},
		link: (n) => `/network/activities/picks/${n.targetId}`
	});
}
