import { and, asc, eq, gte, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { cohorts, cohortSessions } from './cohorts.schema';
import { requireFacilitator } from './cohort-access';

export type ComingCohortSession = {
	cohortId: string;
	cohortName: string;
	sessionId: string;
	scheduledAt: Date;
};

/**
 * The scheduled sessions, between `from` and `to`, of the open cohorts the actor leads or
 * co-facilitates on their site, soonest first (at most `limit`). Times only, no participant: not
 * a read of anyone's record.
 */
export async function listComingCohortSessions({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { from: Date; to: Date; limit: number };
}): Promise<ComingCohortSession[]> {
	const { actor, site } = requireFacilitator(given);
	return db
		.select({
			cohortId: cohorts.id,
			cohortName: cohorts.name,
			sessionId: cohortSessions.id,
			scheduledAt: cohortSessions.scheduledAt
		})
		.from(cohortSessions)
		.innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
		.where(
			and(
				eq(cohorts.siteId, site.id),
				isNull(cohorts.closedAt),
				or(eq(cohorts.facilitatorId, actor.userId), eq(cohorts.coFacilitatorId, actor.userId)),
				eq(cohortSessions.status, 'scheduled'),
				gte(cohortSessions.scheduledAt, input.from),
				lt(cohortSessions.scheduledAt, input.to)
			)
		)
		.orderBy(asc(cohortSessions.scheduledAt))
		.limit(input.limit);
}
