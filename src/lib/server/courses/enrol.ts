import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { enrolments } from './courses.schema';
import { findCourse } from './course-outline';

/** The catalogue's enrol button names the course; course pages take it from the address. */
export const ZEnrolForm = z.object({ course: z.string('err_invalid').min(1).max(200) });
export type TEnrolInput = z.infer<typeof ZEnrolForm>;

/**
 * Enrols the actor in a course of their site, self-paced. Enrolling again changes nothing and
 * writes no second record. Audited.
 */
export async function enrol({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TEnrolInput;
}): Promise<{ created: boolean }> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const course = await findCourse(tx, site.id, input.course);
		const [row] = await tx
			.insert(enrolments)
			.values({ siteId: site.id, courseId: course.id, userId: actor.userId })
			.onConflictDoNothing()
			.returning({ id: enrolments.id });
		if (!row) return { created: false };
		await recordActorAudit(tx, actor, {
			action: 'course.enrol',
			entityType: 'enrolment',
			entityId: row.id,
			details: { courseId: course.id }
		});
		return { created: true };
	});
}
