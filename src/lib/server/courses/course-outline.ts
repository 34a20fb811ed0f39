// Queries the member's course use cases share: a course of the actor's site, its published
// outline in the person's language, and the person's enrolment and progress. Every lookup is
// scoped by site (courses) or by the enrolment's owner; nothing here checks permissions, the
// use cases do that first.
import { and, asc, desc, eq, exists, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { notFound } from '../errors';
import {
	courseModules,
	courses,
	courseTexts,
	enrolments,
	lessonProgress,
	lessons,
	lessonVersions,
	moduleTexts,
	type LessonContent
} from './courses.schema';

type Q = Db | Tx;
export type Course = typeof courses.$inferSelect;
export type Enrolment = typeof enrolments.$inferSelect;

/**
 * The text to show from rows in several languages: the person's language, else the site's
 * default, else any (the alphabetically first, so the choice is stable).
 */
export function pickLocale<T extends { locale: string }>(
	rows: readonly T[],
	wanted: string,
	siteDefault: string
): T | undefined {
	return (
		rows.find((r) => r.locale === wanted) ??
		rows.find((r) => r.locale === siteDefault) ??
		[...rows].sort((a, b) => a.locale.localeCompare(b.locale))[0]
	);
}

/** A course of this site by slug; another site's course and an unknown slug look the same. */
export async function findCourse(db: Q, siteId: string, slug: string): Promise<Course> {
	const [course] = await db
		.select()
		.from(courses)
		.where(and(eq(courses.siteId, siteId), eq(courses.slug, slug)))
		.limit(1);
	if (!course) throw notFound();
	return course;
}

/** A lesson as the member's pages list it. */
export type OutlineLesson = {
	id: string;
	slug: string;
	/**
	 * The lesson's URL segment under /courses/<course>/. The lesson slug itself when no other
	 * module of the course has a lesson of that slug (the schema only makes slugs unique per
	 * module); otherwise `<module>--<lesson>`, so every lesson has exactly one address.
	 */
	segment: string;
	moduleId: string;
	moduleSlug: string;
	minutes: number | null;
	/** Title and version shown: newest published version in the chosen language. */
	title: string;
	locale: string;
	versionId: string;
};
export type OutlineModule = { id: string; slug: string; title: string; lessons: OutlineLesson[] };
export type Outline = { modules: OutlineModule[]; lessons: OutlineLesson[] };

/** The published lessons of some courses, in order (module, then lesson): ids and addresses. */
export async function publishedLessons(
	db: Q,
	courseIds: readonly string[]
): Promise<
	{
		id: string;
		slug: string;
		courseId: string;
		moduleId: string;
		moduleSlug: string;
		minutes: number | null;
	}[]
> {
	if (courseIds.length === 0) return [];
	return db
		.select({
			id: lessons.id,
			slug: lessons.slug,
			courseId: courseModules.courseId,
			moduleId: courseModules.id,
			moduleSlug: courseModules.slug,
			minutes: lessons.minutes
		})
		.from(lessons)
		.innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
		.where(
			and(
				inArray(courseModules.courseId, [...courseIds]),
				exists(
					db
						.select({ one: sql`1` })
						.from(lessonVersions)
						.where(
							and(eq(lessonVersions.lessonId, lessons.id), eq(lessonVersions.status, 'published'))
						)
				)
			)
		)
		.orderBy(asc(courseModules.position), asc(lessons.position), asc(lessons.slug));
}

/** URL segments for one course's lessons (see OutlineLesson.segment). */
export function segmentsOf(list: readonly { slug: string; moduleSlug: string }[]): string[] {
	const count = new Map<string, number>();
	for (const l of list) count.set(l.slug, (count.get(l.slug) ?? 0) + 1);
	return list.map((l) => ((count.get(l.slug) ?? 0) > 1 ? `${l.moduleSlug}--${l.slug}` : l.slug));
}

/** The course's modules and published lessons, titled in the person's language where possible. */
export async function loadOutline(
	db: Q,
	course: Course,
	locale: string,
	siteDefault: string
): Promise<Outline> {
	const rows = await publishedLessons(db, [course.id]);
	if (rows.length === 0) return { modules: [], lessons: [] };
	const lessonIds = rows.map((r) => r.id);
	const moduleIds = [...new Set(rows.map((r) => r.moduleId))];
	const [versions, moduleTitles, modules] = await Promise.all([
		// The newest published version of each lesson in each language.
		db
			.selectDistinctOn([lessonVersions.lessonId, lessonVersions.locale], {
				id: lessonVersions.id,
				lessonId: lessonVersions.lessonId,
				locale: lessonVersions.locale,
				title: lessonVersions.title
			})
			.from(lessonVersions)
			.where(
				and(inArray(lessonVersions.lessonId, lessonIds), eq(lessonVersions.status, 'published'))
			)
			.orderBy(lessonVersions.lessonId, lessonVersions.locale, desc(lessonVersions.version)),
		db.select().from(moduleTexts).where(inArray(moduleTexts.moduleId, moduleIds)),
		db
			.select({ id: courseModules.id, slug: courseModules.slug })
			.from(courseModules)
			.where(inArray(courseModules.id, moduleIds))
			.orderBy(asc(courseModules.position))
	]);
	const segments = segmentsOf(rows);
	const list: OutlineLesson[] = [];
	rows.forEach((r, i) => {
		const version = pickLocale(
			versions.filter((v) => v.lessonId === r.id),
			locale,
			siteDefault
		);
		if (!version) return;
		list.push({
			id: r.id,
			slug: r.slug,
			segment: segments[i] ?? r.slug,
			moduleId: r.moduleId,
			moduleSlug: r.moduleSlug,
			minutes: r.minutes,
			title: version.title,
			locale: version.locale,
			versionId: version.id
		});
	});
	return {
		lessons: list,
		modules: modules.map((mod) => ({
			id: mod.id,
			slug: mod.slug,
			title:
				pickLocale(
					moduleTitles.filter((t) => t.moduleId === mod.id),
					locale,
					siteDefault
				)?.title ?? mod.slug,
			lessons: list.filter((l) => l.moduleId === mod.id)
		}))
	};
}

/** The lesson a URL segment names, or "not found". */
export function lessonAt(outline: Outline, segment: string): OutlineLesson {
	const lesson = outline.lessons.find((l) => l.segment === segment);
	if (!lesson) throw notFound();
	return lesson;
}

/** The actor's enrolment in a course of their site, if any. */
export async function findEnrolment(
	db: Q,
	input: { siteId: string; userId: string; courseId: string }
): Promise<Enrolment | undefined> {
	const [row] = await db
		.select()
		.from(enrolments)
		.where(
			and(
				eq(enrolments.siteId, input.siteId),
				eq(enrolments.userId, input.userId),
				eq(enrolments.courseId, input.courseId)
			)
		)
		.limit(1);
	return row;
}

/** The enrolment, or "not found": lessons' interactive parts are for enrolled members only. */
export async function requireEnrolment(
	db: Q,
	input: { siteId: string; userId: string; courseId: string }
): Promise<Enrolment> {
	const row = await findEnrolment(db, input);
	if (!row) throw notFound();
	return row;
}

export type Progress = Map<string, { openedAt: Date; doneAt: Date | null }>;

/** Progress of some enrolments (all the actor's own), by lesson id, per enrolment. */
export async function progressOf(
	db: Q,
	enrolmentIds: readonly string[]
): Promise<Map<string, Progress>> {
	const result = new Map<string, Progress>(enrolmentIds.map((id) => [id, new Map()]));
	if (enrolmentIds.length === 0) return result;
	const rows = await db
		.select()
		.from(lessonProgress)
		.where(inArray(lessonProgress.enrolmentId, [...enrolmentIds]));
	for (const r of rows)
		result.get(r.enrolmentId)?.set(r.lessonId, { openedAt: r.openedAt, doneAt: r.doneAt });
	return result;
}

/**
 * Where the member left off: the lesson they last opened, unless it is done, then the next lesson
 * not done after it (else the first not done anywhere); the first lesson for someone who has not
 * started; the last one when everything is done.
 */
export function continueAt<T extends { id: string }>(
	list: readonly T[],
	progress: Progress,
	lastLessonId: string | null
): T | undefined {
	const notDone = (l: T) => !progress.get(l.id)?.doneAt;
	const last = list.findIndex((l) => l.id === lastLessonId);
	if (last >= 0) {
		const lesson = list[last];
		if (lesson && notDone(lesson)) return lesson;
		const after = list.slice(last + 1).find(notDone);
		if (after) return after;
	}
	return list.find(notDone) ?? list[list.length - 1];
}

/** How many of the listed lessons are done. */
export const doneCount = (list: readonly { id: string }[], progress: Progress): number =>
	list.filter((l) => progress.get(l.id)?.doneAt).length;

/** Each course's title and summary in the person's language (or the fallbacks of pickLocale). */
export async function courseTextsOf(
	db: Q,
	courseIds: readonly string[],
	locale: string,
	siteDefault: string
): Promise<Map<string, { title: string; summary: string; locale: string }>> {
	const result = new Map<string, { title: string; summary: string; locale: string }>();
	if (courseIds.length === 0) return result;
	const rows = await db
		.select()
		.from(courseTexts)
		.where(inArray(courseTexts.courseId, [...courseIds]));
	for (const id of courseIds) {
		const text = pickLocale(
			rows.filter((r) => r.courseId === id),
			locale,
			siteDefault
		);
		if (text) result.set(id, { title: text.title, summary: text.summary, locale: text.locale });
	}
	return result;
}

/**
 * A lesson the actor is enrolled for, with its shown version's content: the starting point of
 * every write on a lesson. Unknown course or lesson, another site's, or not enrolled: not found.
 */
export async function enrolledLesson(
	db: Q,
	input: {
		siteId: string;
		siteDefault: string;
		userId: string;
		course: string;
		lesson: string;
		locale: string;
	}
): Promise<{
	course: Course;
	outline: Outline;
	lesson: OutlineLesson;
	enrolment: Enrolment;
	content: LessonContent;
}> {
	const course = await findCourse(db, input.siteId, input.course);
	const outline = await loadOutline(db, course, input.locale, input.siteDefault);
	const lesson = lessonAt(outline, input.lesson);
	const enrolment = await requireEnrolment(db, {
		siteId: input.siteId,
		userId: input.userId,
		courseId: course.id
	});
	const [version] = await db
		.select({ content: lessonVersions.content })
		.from(lessonVersions)
		.where(eq(lessonVersions.id, lesson.versionId))
		.limit(1);
	if (!version) throw notFound();
	return { course, outline, lesson, enrolment, content: version.content };
}
