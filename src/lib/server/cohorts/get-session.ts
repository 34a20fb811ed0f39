import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { sessionParticipation } from './cohorts.schema';
import { facilitatedSession, requireFacilitator } from './cohort-access';
import { participantsOf } from './cohort-people';
import { type Person } from '../people/names';
import { moduleTitlesOf } from './module-titles';
import { recordActorAudit } from '../audit/record-audit';

export type SessionView = {
	cohort: { id: string; name: string };
	session: {
		id: string;
		scheduledAt: Date;
		status: 'scheduled' | 'held' | 'cancelled';
		moduleId: string | null;
		handoutsGiven: boolean;
		significantOthersInvolved: boolean;
		note: string;
		heldAt: Date | null;
	};
	modules: { id: string; position: number; title: string }[];
	participants: (Person & {
		present: boolean;
		goalsReviewed: boolean;
		assignmentReviewed: boolean;
		nextAssignment: string;
	})[];
};

/**
 * One session of a cohort the actor facilitates, with what was recorded per participant. The note
 * and next assignments are personal data: the read is audited.
 */
export async function getSession({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { cohortId: string; sessionId: string; locale: string };
}): Promise<SessionView> {
	const { actor, site } = requireFacilitator(given);
	return db.transaction(async (tx) => {
		const { cohort, session } = await facilitatedSession(tx, actor, site.id, input);
		const people = await participantsOf(tx, cohort.id);
		const recorded = await tx
			.select()
			.from(sessionParticipation)
			.where(eq(sessionParticipation.sessionId, session.id));
		const modules = await moduleTitlesOf(tx, cohort.courseId, input.locale, site.defaultLocale);
		await recordActorAudit(tx, actor, {
			action: 'cohort.session_read',
			entityType: 'cohort_session',
			entityId: session.id,
			details: { cohortId: cohort.id, participants: people.length }
		});
		return {
			cohort: { id: cohort.id, name: cohort.name },
			session: {
				id: session.id,
				scheduledAt: session.scheduledAt,
				status: session.status,
				moduleId: session.moduleId,
				handoutsGiven: session.handoutsGiven,
				significantOthersInvolved: session.significantOthersInvolved,
				note: session.note ?? '',
				heldAt: session.heldAt
			},
			modules,
			participants: people.map((p) => {
				const r = recorded.find((x) => x.userId === p.userId);
				return {
					...p,
					present: r?.present ?? false,
					goalsReviewed: r?.goalsReviewed ?? false,
					assignmentReviewed: r?.assignmentReviewed ?? false,
					nextAssignment: r?.nextAssignment ?? ''
				};
			})
		};
	});
}
