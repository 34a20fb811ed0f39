import { and, eq, min, count, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { moderationItems } from './moderation.schema';

export type QueueSummary = {
	urgent: number;
	routine: number;
	/** When the oldest open item came in; null when nothing is open. */
	oldestAt: Date | null;
	oldestUrgentAt: Date | null;
};

/**
 * How many moderation items of the actor's site are open, urgent and routine, and since when the
 * oldest waits. Counts only, nothing of what was reported or by whom: not a read of an item.
 */
export async function summariseQueue({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<QueueSummary> {
	requireUseCase(actor, 'moderation.backlog');
	const site = requireSite(actor);
	const [row] = await db
		.select({
			urgent: count(sql`case when ${moderationItems.urgency} = 'urgent' then 1 end`),
			all: count(),
			oldestAt: min(moderationItems.createdAt),
			oldestUrgentAt: sql<
				Date | string | null
			>`min(case when ${moderationItems.urgency} = 'urgent' then ${moderationItems.createdAt} end)`
		})
		.from(moderationItems)
		.where(and(eq(moderationItems.siteId, site.id), eq(moderationItems.status, 'open')));
	const urgent = Number(row?.urgent ?? 0);
	const toDate = (d: Date | string | null | undefined) => (d ? new Date(d) : null);
	return {
		urgent,
		routine: Number(row?.all ?? 0) - urgent,
		oldestAt: toDate(row?.oldestAt),
		oldestUrgentAt: toDate(row?.oldestUrgentAt)
	};
}
