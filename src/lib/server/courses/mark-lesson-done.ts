import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { enrolments, lessonProgress } from './courses.schema';
import { enrolledLesson } from './enrolled-lesson';

export type TMarkLessonDoneInput = { course: string; lesson: string; locale: string };

/**
 * Ticks a lesson off for the actor (the first time counts; again changes nothing) and completes
 * the enrolment when every published lesson is done. Returns the next lesson's address segment.
 * Audited.
 */
export async function markLessonDone({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TMarkLessonDoneInput;
}): Promise<{ next: string | null; courseDone: boolean }> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const { outline, lesson, enrolment } = await enrolledLesson(tx, {
			siteId: site.id,
			siteDefault: site.defaultLocale,
			userId: actor.userId,
			...input
		});
		const now = new Date();
		const [changed] = await tx
			.insert(lessonProgress)
			.values({ enrolmentId: enrolment.id, lessonId: lesson.id, openedAt: now, doneAt: now })
			.onConflictDoUpdate({
				target: [lessonProgress.enrolmentId, lessonProgress.lessonId],
				set: { doneAt: now },
				setWhere: isNull(lessonProgress.doneAt)
			})
			.returning({ lessonId: lessonProgress.lessonId });
		const done = await tx
			.select({ lessonId: lessonProgress.lessonId })
			.from(lessonProgress)
			.where(
				and(
					eq(lessonProgress.enrolmentId, enrolment.id),
					isNotNull(lessonProgress.doneAt),
					inArray(
						lessonProgress.lessonId,
						outline.lessons.map((l) => l.id)
					)
				)
			);
		const courseDone = done.length === outline.lessons.length;
		if (changed) {
			await tx
				.update(enrolments)
				.set({
					lastLessonId: lesson.id,
					completedAt: courseDone ? (enrolment.completedAt ?? now) : enrolment.completedAt
				})
				.where(eq(enrolments.id, enrolment.id));
			await recordActorAudit(tx, actor, {
				action: 'lesson.done',
				entityType: 'lesson',
				entityId: lesson.id,
				details: { enrolmentId: enrolment.id, courseDone }
			});
		}
		const next = outline.lessons[outline.lessons.indexOf(lesson) + 1];
		return { next: next?.segment ?? null, courseDone };
	});
}
