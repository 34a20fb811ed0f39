import { and, count, eq, gt, isNull, lt, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { invitations } from './people.schema';

/**
 * How many invitations of the actor's site wait for an answer, how many of them run out within
 * two days, and since when the oldest waits. Counts only: no address is read.
 */
export async function summariseInvitations({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { now: Date };
}): Promise<{ open: number; expiringSoon: number; oldestAt: Date | null }> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	const soon = new Date(input.now.getTime() + 2 * 86_400_000);
	const [row] = await db
		.select({
			open: count(),
			expiringSoon: count(sql`case when ${lt(invitations.expiresAt, soon)} then 1 end`),
			oldestAt: min(invitations.createdAt)
		})
		.from(invitations)
		.where(
			and(
				eq(invitations.siteId, site.id),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, input.now)
			)
		);
	return {
		open: Number(row?.open ?? 0),
		expiringSoon: Number(row?.expiringSoon ?? 0),
		oldestAt: row?.oldestAt ? new Date(row.oldestAt) : null
	};
}
