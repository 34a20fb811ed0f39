// A member's picks (at most three to try) and their follow-ups: shared by the pick and answer
// use cases, the scheduler's job and the Today card.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Site } from '../sites/sites.schema';
import { addDays, dayOf, instantAt } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { enqueueJob } from '../scheduler/scheduler';
import { resourcePicks, resources, type ResourcePick } from './resources.schema';

export const MAX_PICKS = 3;
/** The scheduler's job kind of one pick's follow-up. */
export const FOLLOW_UP_JOB = 'resources.follow_up';
/** The notification centre's kind of a follow-up. */
export const FOLLOW_UP_KIND = 'resource_follow_up';

/** When a follow-up picked `now` is due: `days` later on the site's calendar, at 10:00 there. */
export function followUpAt(now: Date, days: number, site: Pick<Site, 'timeZone'>): Date {
	const zone = siteZoneOf(site);
	return instantAt(addDays(dayOf(now, zone), days), '10:00', zone);
}

/** The follow-up is waiting for an answer: due, and not answered since it came due. */
export const isDue = (p: Pick<ResourcePick, 'status' | 'followUpAt' | 'answeredAt'>, now: Date) =>
	p.status === 'active' &&
	p.followUpAt <= now &&
	(p.answeredAt === null || p.answeredAt < p.followUpAt);

/** Puts a pick's follow-up on the scheduler, once per due time. */
export async function scheduleFollowUp(
	tx: Tx,
	pick: Pick<ResourcePick, 'id' | 'siteId' | 'followUpAt'>
) {
	await enqueueJob(tx, {
		kind: FOLLOW_UP_JOB,
		key: `${pick.id}@${pick.followUpAt.toISOString()}`,
		runAt: pick.followUpAt,
		siteId: pick.siteId,
		payload: { pickId: pick.id }
	});
}

/** A member's active picks with their resources, oldest first. */
export const activePicksOf = (db: Db | Tx, siteId: string, userId: string) =>
	db
		.select({ pick: resourcePicks, resource: resources })
		.from(resourcePicks)
		.innerJoin(resources, eq(resources.id, resourcePicks.resourceId))
		.where(
			and(
				eq(resourcePicks.siteId, siteId),
				eq(resourcePicks.userId, userId),
				eq(resourcePicks.status, 'active')
			)
		)
		.orderBy(asc(resourcePicks.pickedAt), asc(resourcePicks.id));
