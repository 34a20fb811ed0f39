// A course of the actor's site and its published outline in the person's language: modules,
// lessons and each lesson's address. Every lookup is scoped by site; nothing here checks
// permissions, the use cases do that first.
import { and, asc, desc, eq, exists, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { notFound } from '../errors';
import { pickLocale } from '../i18n/pick-locale';
import { courseModules, courses, lessons, lessonVersions, moduleTexts } from './courses.schema';

type Q = Db | Tx;
export type Course = typeof courses.$inferSelect;

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
	/** Every language the lesson is published in. */
	locales: string[];
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
	// One statement after another: `db` may be a transaction, whose single connection runs one
	// statement at a time (node-postgres deprecates queueing them, and pg 9 refuses it).
	// The newest published version of each lesson in each language.
	const versions = await db
		.selectDistinctOn([lessonVersions.lessonId, lessonVersions.locale], {
			id: lessonVersions.id,
			lessonId: lessonVersions.lessonId,
			locale: lessonVersions.locale,
			title: lessonVersions.title
		})
		.from(lessonVersions)
		.where(and(inArray(lessonVersions.lessonId, lessonIds), eq(lessonVersions.status, 'published')))
		.orderBy(lessonVersions.lessonId, lessonVersions.locale, desc(lessonVersions.version));
	const moduleTitles = await db
		.select()
		.from(moduleTexts)
		.where(inArray(moduleTexts.moduleId, moduleIds));
	const modules = await db
		.select({ id: courseModules.id, slug: courseModules.slug })
		.from(courseModules)
		.where(inArray(courseModules.id, moduleIds))
		.orderBy(asc(courseModules.position));
	const segments = segmentsOf(rows);
	const list: OutlineLesson[] = [];
	rows.forEach((r, i) => {
		const mine = versions.filter((v) => v.lessonId === r.id);
		const version = pickLocale(mine, locale, siteDefault);
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
			versionId: version.id,
			locales: mine.map((v) => v.locale)
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
