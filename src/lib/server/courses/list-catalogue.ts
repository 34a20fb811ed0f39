import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { courseCategories, courses, enrolments, type CourseCategory } from './courses.schema';
import { continueAt, doneCount, progressOf } from './progress';
import { courseTextsOf } from './course-texts';
import { publishedLessons, segmentsOf } from './course-outline';

export type CatalogueCourse = {
	slug: string;
	category: CourseCategory;
	title: string;
	summary: string;
	/** The language title and summary are in, for `lang` on the page. */
	locale: string;
	isSample: boolean;
	lessonCount: number;
	/** The actor's own progress, when enrolled. */
	enrolment: { done: number; total: number; continueSegment: string | null } | null;
};

export type Catalogue = {
	categories: { category: CourseCategory; courses: CatalogueCourse[] }[];
	enrolled: CatalogueCourse[];
};

/**
 * The actor's site's courses by category, in their language, with their own progress in the
 * courses they took. Courses with nothing published yet are left out unless they are enrolled.
 */
export async function listCatalogue({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string };
}): Promise<Catalogue> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	const [all, mine] = await Promise.all([
		db.select().from(courses).where(eq(courses.siteId, site.id)),
		db
			.select()
			.from(enrolments)
			.where(and(eq(enrolments.siteId, site.id), eq(enrolments.userId, actor.userId)))
	]);
	const ids = all.map((c) => c.id);
	const [texts, lessonRows, progress] = await Promise.all([
		courseTextsOf(db, ids, input.locale, site.defaultLocale),
		publishedLessons(db, ids),
		progressOf(
			db,
			mine.map((e) => e.id)
		)
	]);
	const list: CatalogueCourse[] = [];
	for (const course of all) {
		const own = lessonRows.filter((l) => l.courseId === course.id);
		const enrolment = mine.find((e) => e.courseId === course.id);
		if (own.length === 0 && !enrolment) continue;
		const text = texts.get(course.id);
		let mineSummary: CatalogueCourse['enrolment'] = null;
		if (enrolment) {
			const segments = segmentsOf(own);
			const p = progress.get(enrolment.id) ?? new Map();
			const next = continueAt(own, p, enrolment.lastLessonId);
			mineSummary = {
				done: doneCount(own, p),
				total: own.length,
				continueSegment: next ? (segments[own.indexOf(next)] ?? null) : null
			};
		}
		list.push({
			slug: course.slug,
			category: course.category,
			title: text?.title ?? course.slug,
			summary: text?.summary ?? '',
			locale: text?.locale ?? site.defaultLocale,
			isSample: course.isSample,
			lessonCount: own.length,
			enrolment: mineSummary
		});
	}
	list.sort((a, b) => a.title.localeCompare(b.title, input.locale));
	return {
		categories: courseCategories
			.map((category) => ({ category, courses: list.filter((c) => c.category === category) }))
			.filter((group) => group.courses.length > 0),
		enrolled: list.filter((c) => c.enrolment)
	};
}
