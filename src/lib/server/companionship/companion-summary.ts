import { and, count, eq, gt, isNull, max, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { companionRequests, supervisionLogs } from './companionship.schema';
import { actorWith } from './companionship-access';

/**
 * How many members the peer worker accompanies now, how many offers wait for an answer, and the
 * day of their last supervision: figures about their own work, no member's name or record, so
 * Today asks this first and reads the companionship record (audited) only when there is one.
 */
export async function summariseCompanions({
	db,
	actor: given,
	now
}: {
	db: Db;
	actor: Actor | null;
	now: Date;
}): Promise<{ active: number; awaiting: number; lastSupervision: string | null }> {
	const { actor, site } = actorWith(given, 'companionship.companion');
	const [requests, supervision] = await Promise.all([
		db
			.select({
				active: count(
					sql`case when ${companionRequests.status} = 'active' and ${companionRequests.endedAt} is null and (${companionRequests.endsAt} is null or ${companionRequests.endsAt} > ${now}) then 1 end`
				),
				awaiting: count(sql`case when ${companionRequests.status} = 'offered' then 1 end`)
			})
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.peerId, actor.userId),
					or(
						eq(companionRequests.status, 'offered'),
						and(
							eq(companionRequests.status, 'active'),
							isNull(companionRequests.endedAt),
							or(isNull(companionRequests.endsAt), gt(companionRequests.endsAt, now))
						)
					)
				)
			),
		db
			.select({ last: max(supervisionLogs.date) })
			.from(supervisionLogs)
			.where(
				and(
					eq(supervisionLogs.siteId, site.id),
					eq(supervisionLogs.peerId, actor.userId),
					eq(supervisionLogs.kind, 'supervision')
				)
			)
	]);
	return {
		active: Number(requests[0]?.active ?? 0),
		awaiting: Number(requests[0]?.awaiting ?? 0),
		lastSupervision: supervision[0]?.last ?? null
	};
}
