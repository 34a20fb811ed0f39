// Lookups every cohort use case shares. A cohort exists for an actor only when it is on their site
// and they facilitate it (lead or co-facilitator); anything else is "not found", exactly like an id
// nobody ever had — other staff of the same site included.
import { and, eq, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { actingRole, can, requireSite, type Actor } from '../access/actor';
import { recordAudit, type AuditDetails } from '../audit/record-audit';
import { notFound } from '../errors';
import type { Site } from '../sites/sites.schema';
import { cohorts, cohortSessions } from './cohorts.schema';

export type Cohort = typeof cohorts.$inferSelect;
export type CohortSession = typeof cohortSessions.$inferSelect;

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Peer workers and professionals facilitate cohorts; anyone else gets "not found". */
export function requireFacilitator(actor: Actor | null): { actor: Actor; site: Site } {
	if (!actor || !(can(actor, 'peer.work') || can(actor, 'clinical.caseload'))) throw notFound();
	return { actor, site: requireSite(actor) };
}

/** A cohort of the site that the actor leads or co-facilitates, or "not found". */
export async function facilitatedCohort(
	tx: Tx | Db,
	actor: Actor,
	siteId: string,
	cohortId: string
): Promise<Cohort> {
	if (!uuidShape.test(cohortId)) throw notFound();
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
	if (!uuidShape.test(input.sessionId)) throw notFound();
	const [session] = await tx
		.select()
		.from(cohortSessions)
		.where(and(eq(cohortSessions.id, input.sessionId), eq(cohortSessions.cohortId, cohort.id)))
		.limit(1);
	if (!session) throw notFound();
	return { cohort, session };
}

/** Participant data (progress, shared goals, notes, next assignments) is audited on read and write. */
export function auditCohort(
	tx: Tx,
	actor: Actor,
	siteId: string,
	entry: {
		action: string;
		entityType: 'cohort' | 'cohort_session';
		entityId: string;
		details?: AuditDetails;
	}
): Promise<void> {
	return recordAudit(tx, {
		actorUserId: actor.userId,
		actingRole: actingRole(actor),
		siteId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId,
		outcome: 'success',
		ip: actor.ip,
		details: entry.details ?? null
	});
}
