import { and, count, eq, gte, max } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { groups, groupSessions, reminderDeliveries } from './groups.schema';

/**
 * How many session reminders of the actor's site failed to reach people since `since`, and when
 * the last one failed: for the site admin, who looks at the mail settings and the outbox.
 */
export async function countFailedReminders({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { since: Date };
}): Promise<{ failed: number; lastAt: Date | null }> {
	requireUseCase(actor, 'site.outbox');
	const site = requireSite(actor);
	const [row] = await db
		.select({ failed: count(), lastAt: max(reminderDeliveries.sentAt) })
		.from(reminderDeliveries)
		.innerJoin(groupSessions, eq(groupSessions.id, reminderDeliveries.sessionId))
		.innerJoin(groups, eq(groups.id, groupSessions.groupId))
		.where(
			and(
				eq(groups.siteId, site.id),
				eq(reminderDeliveries.status, 'failed'),
				gte(reminderDeliveries.sentAt, input.since)
			)
		);
	return {
		failed: Number(row?.failed ?? 0),
		lastAt: row?.lastAt ? new Date(row.lastAt) : null
	};
}
