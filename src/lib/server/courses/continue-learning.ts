import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { courses, enrolments, lessonProgress } from './courses.schema';
import { continueAt, doneCount, progressOf } from './progress';
import { courseTextsOf } from './course-texts';
import { loadOutline } from './course-outline';

export type LessonToContinue = {
	courseSlug: string;
	courseTitle: string;
	/** The language of the course's title. */
	courseLocale: string;
	lessonTitle: string;
	lessonLocale: string;
	/** The lesson's address under /courses/<course>/. */
	segment: string;
	done: number;
	total: number;
	minutes: number | null;
};

/**
 * Where the member left off in the courses they are taking (not finished), the most recently
 * opened first, at most `limit`: the lesson to continue, as the course page would pick it.
 */
export async function listLessonsToContinue({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string; limit: number };
}): Promise<LessonToContinue[]> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	const lastOpened = sql<Date | null>`(select max(${lessonProgress.openedAt}) from ${lessonProgress} where ${lessonProgress.enrolmentId} = ${enrolments.id})`;
	const mine = await db
		.select({ enrolment: enrolments, course: courses })
		.from(enrolments)
		.innerJoin(courses, eq(courses.id, enrolments.courseId))
		.where(
			and(
				eq(enrolments.siteId, site.id),
				eq(courses.siteId, site.id),
				eq(enrolments.userId, actor.userId),
				isNull(enrolments.completedAt)
			)
		)
		.orderBy(sql`${lastOpened} desc nulls last`, desc(enrolments.enrolledAt))
		.limit(input.limit);
	if (mine.length === 0) return [];
	const [texts, progress, outlines] = await Promise.all([
		courseTextsOf(
			db,
			mine.map((r) => r.course.id),
			input.locale,
			site.defaultLocale
		),
		progressOf(
			db,
			mine.map((r) => r.enrolment.id)
		),
		Promise.all(mine.map((r) => loadOutline(db, r.course, input.locale, site.defaultLocale)))
	]);
	return mine.flatMap(({ enrolment, course }, i) => {
		const lessons = outlines[i]?.lessons ?? [];
		const p = progress.get(enrolment.id) ?? new Map();
		const done = doneCount(lessons, p);
		const next = continueAt(lessons, p, enrolment.lastLessonId);
		if (!next || done === lessons.length) return [];
		const text = texts.get(course.id);
		return [
			{
				courseSlug: course.slug,
				courseTitle: text?.title ?? course.slug,
				courseLocale: text?.locale ?? site.defaultLocale,
				lessonTitle: next.title,
				lessonLocale: next.locale,
				segment: next.segment,
				done,
				total: lessons.length,
				minutes: next.minutes
			}
		];
	});
}
