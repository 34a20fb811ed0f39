import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { resourcePicks, resources } from './resources.schema';
import { notifyInApp } from '../notifications/notify';
import { FOLLOW_UP_KIND } from './picks';
import { notificationPreferences } from '../notifications/notifications.schema';

/**
 * The scheduler's work for one pick: if its follow-up is due and still unanswered, one in-app
 * notification (unless the member turned the kind off). Idempotent: the notification is unique
 * per pick and due time, and a pick removed or answered meanwhile gets none.
 */
export async function sendFollowUp(db: Db, pickId: string, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ pick: resourcePicks, name: resources.name })
			.from(resourcePicks)
			.innerJoin(resources, eq(resources.id, resourcePicks.resourceId))
			.where(
				and(
					eq(resourcePicks.id, pickId),
					eq(resourcePicks.status, 'active'),
					lte(resourcePicks.followUpAt, now),
					or(
						isNull(resourcePicks.followUpSentAt),
						lte(resourcePicks.followUpSentAt, resourcePicks.followUpAt)
					)
				)
			)
			.for('update', { of: resourcePicks });
		if (!row) return false;
		const { pick } = row;
		if (pick.answeredAt && pick.answeredAt >= pick.followUpAt) return false;
		await tx
			.update(resourcePicks)
			.set({ followUpSentAt: now })
			.where(eq(resourcePicks.id, pick.id));
		const [pref] = await tx
			.select({ channels: notificationPreferences.channels })
			.from(notificationPreferences)
			.where(
				and(
					eq(notificationPreferences.userId, pick.userId),
					eq(notificationPreferences.siteId, pick.siteId)
				)
			);
		if (pref?.channels[FOLLOW_UP_KIND] === 'off') return false;
		return notifyInApp(tx, {
			siteId: pick.siteId,
			userId: pick.userId,
			kind: FOLLOW_UP_KIND,
			targetId: pick.id,
			source: `${pick.id}@${pick.followUpAt.toISOString()}`,
			params: { resource: row.name },
			at: now
		});
	});
}
