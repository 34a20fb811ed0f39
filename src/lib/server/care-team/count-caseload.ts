import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { companionRequests } from '../companionship/companionship.schema';
import { careTeamAssignments } from './care-team.schema';

/**
 * Whether the supporter has anyone on their caseload: a count of their own current assignments
 * and active companionships, no one's details, so nothing is audited. Today asks it before
 * reading (and auditing) the caseload itself.
 */
export async function countCaseload({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<number> {
	requireUseCase(actor, 'care_team.caseload');
	const site = requireSite(actor);
	const [row] = await db
		.select({
			n: sql<number>`(select count(*)::int from ${careTeamAssignments} where ${and(
				eq(careTeamAssignments.siteId, site.id),
				eq(careTeamAssignments.supporterId, actor.userId),
				isNull(careTeamAssignments.endedOn)
			)}) + (select count(*)::int from ${companionRequests} where ${and(
				eq(companionRequests.siteId, site.id),
				eq(companionRequests.peerId, actor.userId),
				eq(companionRequests.status, 'active'),
				isNull(companionRequests.endedAt),
				or(isNull(companionRequests.endsAt), gt(companionRequests.endsAt, now))
			)})`
		})
		.from(sql`(select 1) as one`);
	return row?.n ?? 0;
}
