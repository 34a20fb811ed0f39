// Lookups every cohort use case shares. A cohort exists for an actor only when it is on their site
// and they facilitate it (lead or co-facilitator); anything else is "not found", exactly like an id
// nobody ever had — other staff of the same site included.
import { and, eq, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import type { Site } from '../sites/sites.schema';
import { cohorts, cohortSessions } from './cohorts.schema';

export type Cohort = typeof cohorts.$inferSelect;
export type CohortSession = typeof cohortSessions.$inferSelect;

/** Peer workers and professionals facilitate cohorts; anyone else gets "not found". */
export function requireFacilitator(actor: Actor | null): { actor: Actor; site: Site } {
	requireUseCase(actor, 'cohorts.facilitate');
	return { actor, site: requireSite(actor) };
}

/** A cohort of the site that the actor leads or co-facilitates, or "not found". */
export async function facilitatedCohort(
	tx: Tx | Db,
	actor: Actor,
	siteId: string,
	cohortId: string
): Promise<Cohort> {
	if (!isUuid(cohortId)) throw notFound();
	const [cohort] = await tx
		.select()
		.from(cohorts)
		.where(
			and(
				eq(cohorts.id, cohortId),
				eq(cohorts.siteId, siteId),
				or(eq(cohorts.facilitatorId, actor.userId), eq(cohorts.coFacilitatorId, actor.userId))
			)
		)
		.limit(1);
	if (!cohort) throw notFound();
	return cohort;
}

/** One session of a cohort the actor facilitates, or "not found". */
export async function facilitatedSession(
	tx: Tx | Db,
	actor: Actor,
	siteId: string,
	input: { cohortId: string; sessionId: string }
): Promise<{ cohort: Cohort; session: CohortSession }> {
	const cohort = await facilitatedCohort(tx, actor, siteId, input.cohortId);
	if (!isUuid(input.sessionId)) throw notFound();
	const [session] = await tx
		.select()
		.from(cohortSessions)
		.where(and(eq(cohortSessions.id, input.sessionId), eq(cohortSessions.cohortId, cohort.id)))
		.limit(1);
	if (!session) throw notFound();
	return { cohort, session };
}
