import { z } from 'zod';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { enrolments } from '../courses/courses.schema';
import { cohortMembers, cohorts } from './cohorts.schema';
import { facilitatedCohort, requireFacilitator } from './cohort-access';
import { sitePeople } from '../people/names';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZAddParticipantInput = z.object({
	cohortId: z.string().max(100),
	userId: z.string('err_cohort_member').min(1, 'err_cohort_member').max(100, 'err_cohort_member')
});
export type TAddParticipantInput = z.infer<typeof ZAddParticipantInput>;

/**
 * Adds a member of the site to a cohort the actor facilitates, within its capacity, and enrols them
 * in the cohort's course (or moves their existing enrolment into the cohort). Audited.
 */
export async function addParticipant({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TAddParticipantInput;
}): Promise<void> {
	const { actor, site } = requireFacilitator(given);
	const data = parseInput(ZAddParticipantInput, input);
	await db.transaction(async (tx) => {
		const cohort = await facilitatedCohort(tx, actor, site.id, data.cohortId);
		// Two facilitators adding at once must not overfill the cohort.
		await tx
			.select({ id: cohorts.id })
			.from(cohorts)
			.where(eq(cohorts.id, cohort.id))
			.for('update');
		const [member] = await sitePeople(tx, site.id, ['member'], [data.userId]);
		if (!member) throw new AppError('invalid_input', { userId: 'err_cohort_member' });
		const [already] = await tx
			.select({ userId: cohortMembers.userId })
			.from(cohortMembers)
			.where(
				and(
					eq(cohortMembers.cohortId, cohort.id),
					eq(cohortMembers.userId, member.userId),
					isNull(cohortMembers.leftAt)
				)
			);
		if (already) return;
		const [current] = await tx
			.select({ n: count() })
			.from(cohortMembers)
			.where(and(eq(cohortMembers.cohortId, cohort.id), isNull(cohortMembers.leftAt)));
		if (Number(current?.n ?? 0) >= cohort.capacity)
			throw new AppError('conflict', { userId: 'err_cohort_full' });
		await tx
			.insert(cohortMembers)
			.values({ cohortId: cohort.id, userId: member.userId })
			.onConflictDoUpdate({
				target: [cohortMembers.cohortId, cohortMembers.userId],
				set: { leftAt: null, joinedAt: sql`now()` }
			});
		await tx
			.insert(enrolments)
			.values({
				siteId: site.id,
				courseId: cohort.courseId,
				userId: member.userId,
				cohortId: cohort.id
			})
			.onConflictDoUpdate({
				target: [enrolments.courseId, enrolments.userId],
				set: { cohortId: cohort.id }
			});
		await recordActorAudit(tx, actor, {
			action: 'cohort.add_participant',
			entityType: 'cohort',
			entityId: cohort.id,
			details: { userId: member.userId }
		});
	});
}
