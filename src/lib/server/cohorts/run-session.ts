import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { courseModules } from '../courses/courses.schema';
import { cohortSessions, sessionParticipation } from './cohorts.schema';
import { facilitatedSession, requireFacilitator } from './cohort-access';
import { participantsOf } from './cohort-people';
import { parseInput, zText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

const ids = z.preprocess(
	(v) => (v === undefined || v === '' ? [] : typeof v === 'string' ? [v] : v),
	z.array(z.string().max(100)).max(100)
);
const on = z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean());

export const ZRunSessionInput = z.object({
	cohortId: z.string().max(100),
	sessionId: z.string().max(100),
	/** Participants in the order of `next`: one next home assignment each. */
	participant: ids,
	next: z.preprocess(
		(v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v),
		z.array(zText(300, 0)).max(100)
	),
	present: ids,
	goalsReviewed: ids,
	assignmentReviewed: ids,
	moduleId: z.preprocess((v) => (v === '' ? undefined : v), z.guid('err_cohort_module').optional()),
	handoutsGiven: on,
	significantOthersInvolved: on,
	note: zText(2000, 0)
});
/** Unticked checkboxes and empty lists are simply absent from a form. */
export type TRunSessionInput = { cohortId: string; sessionId: string } & Partial<
	z.input<typeof ZRunSessionInput>
>;

/**
 * Records a session run with the IMR structure — review (attendance, goals and home assignment
 * reviewed), the module taught and handouts, the next home assignment each and a short note — and
 * marks it held. Saving again corrects the record. The note and assignments are audited.
 */
export async function runSession({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TRunSessionInput;
	now?: Date;
}): Promise<void> {
	const { actor, site } = requireFacilitator(given);
	const data = parseInput(ZRunSessionInput, input);
	await db.transaction(async (tx) => {
		const { cohort, session } = await facilitatedSession(tx, actor, site.id, data);
		if (data.moduleId) {
			const [mod] = await tx
				.select({ id: courseModules.id })
				.from(courseModules)
				.where(
					and(eq(courseModules.id, data.moduleId), eq(courseModules.courseId, cohort.courseId))
				);
			if (!mod) throw new AppError('invalid_input', { moduleId: 'err_cohort_module' });
		}
		const people = await participantsOf(tx, cohort.id);
		const known = new Set(people.map((p) => p.userId));
		const named = [...data.participant, ...data.present, ...data.goalsReviewed];
		if ([...named, ...data.assignmentReviewed].some((id) => !known.has(id)))
			throw new AppError('invalid_input', { participant: 'err_invalid' });
		const has = (list: string[], id: string) => list.includes(id);
		for (const p of people) {
			const at = data.participant.indexOf(p.userId);
			const next = at >= 0 ? data.next[at] || null : null;
			const row = {
				present: has(data.present, p.userId),
				goalsReviewed: has(data.goalsReviewed, p.userId),
				assignmentReviewed: has(data.assignmentReviewed, p.userId),
				nextAssignment: next
			};
			await tx
				.insert(sessionParticipation)
				.values({ sessionId: session.id, userId: p.userId, ...row })
				.onConflictDoUpdate({
					target: [sessionParticipation.sessionId, sessionParticipation.userId],
					set: row
				});
		}
		await tx
			.update(cohortSessions)
			.set({
				status: 'held',
				heldAt: session.heldAt ?? now,
				moduleId: data.moduleId ?? null,
				handoutsGiven: data.handoutsGiven,
				significantOthersInvolved: data.significantOthersInvolved,
				note: data.note || null
			})
			.where(eq(cohortSessions.id, session.id));
		await recordActorAudit(tx, actor, {
			action: 'cohort.session_save',
			entityType: 'cohort_session',
			entityId: session.id,
			details: {
				cohortId: cohort.id,
				present: data.present.length,
				participants: people.length,
				note: data.note.length > 0
			}
		});
	});
}
