import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { courses } from '../courses/courses.schema';
import { cohorts } from './cohorts.schema';
import { requireFacilitator } from './cohort-access';
import { sitePeople } from '../people/names';
import { parseInput, zLine } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

/** Fidelity asks for groups of at most 8; a site may run larger groups, up to this. */
export const MAX_CAPACITY = 20;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const ZOpenCohortInput = z.object({
	courseId: z.guid('err_cohort_course'),
	name: zLine(80),
	mode: z.enum(['group', 'individual'], 'err_invalid'),
	capacity: z.preprocess(
		blankToUndefined,
		z.coerce
			.number('err_cohort_capacity')
			.int('err_cohort_capacity')
			.min(1, 'err_cohort_capacity')
			.max(MAX_CAPACITY, 'err_cohort_capacity')
			.default(8)
	),
	coFacilitatorId: z.preprocess(blankToUndefined, z.string().max(100, 'err_invalid').optional())
});
export type TOpenCohortInput = z.input<typeof ZOpenCohortInput>;

/**
 * Opens a cohort of one of the site's courses, led by the actor; an individual cohort has room
 * for one. The co-facilitator must be a peer worker or professional of the site. Audited.
 */
export async function openCohort({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TOpenCohortInput;
}): Promise<{ id: string }> {
	const { actor, site } = requireFacilitator(given);
	const data = parseInput(ZOpenCohortInput, input);
	return db.transaction(async (tx) => {
		const [course] = await tx
			.select({ id: courses.id })
			.from(courses)
			.where(and(eq(courses.siteId, site.id), eq(courses.id, data.courseId)))
			.limit(1);
		if (!course) throw new AppError('invalid_input', { courseId: 'err_cohort_course' });
		if (data.coFacilitatorId) {
			const [co] = (
				await sitePeople(tx, site.id, ['peer_worker', 'professional'], [data.coFacilitatorId])
			).filter((p) => p.userId !== actor.userId);
			if (!co) throw new AppError('invalid_input', { coFacilitatorId: 'err_cohort_cofacilitator' });
		}
		const [row] = await tx
			.insert(cohorts)
			.values({
				siteId: site.id,
				courseId: course.id,
				name: data.name,
				mode: data.mode,
				capacity: data.mode === 'individual' ? 1 : data.capacity,
				facilitatorId: actor.userId,
				coFacilitatorId: data.coFacilitatorId ?? null
			})
			.returning({ id: cohorts.id });
		if (!row) throw new Error('cohort not inserted');
		await recordActorAudit(tx, actor, {
			action: 'cohort.open',
			entityType: 'cohort',
			entityId: row.id,
			details: { courseId: course.id, mode: data.mode }
		});
		return row;
	});
}
