import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { courseModules, courses, lessonVersions, moduleTexts } from './courses.schema';
import { courseTextsOf } from './course-texts';
import { pickLocale } from '../i18n/pick-locale';
import { allLessons } from './lesson-authoring';
import { translationState, type TranslationState } from '../content/authoring';

export type CourseContent = {
	slug: string;
	title: string;
	modules: {
		slug: string;
		title: string;
		lessons: { segment: string; title: string; states: Record<string, TranslationState> }[];
	}[];
	/** Lessons without a published version, per site language. */
	missing: Record<string, number>;
};

/**
 * The site's courses (or the one named) for the content pages: modules and lessons in order, and
 * for every lesson and site language whether a published version exists and a newer draft waits.
 */
export async function listCourseContent({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string; course?: string };
}): Promise<{ locales: string[]; courses: CourseContent[] }> {
	requireUseCase(actor, 'courses.edit');
	const site = requireSite(actor);
	const rows = await db
		.select()
		.from(courses)
		.where(
			and(
				eq(courses.siteId, site.id),
				input.course === undefined ? undefined : eq(courses.slug, input.course)
			)
		)
		.orderBy(asc(courses.slug));
	if (input.course !== undefined && rows.length === 0) throw notFound();
	const texts = await courseTextsOf(
		db,
		rows.map((c) => c.id),
		input.locale,
		site.defaultLocale
	);
	const result: CourseContent[] = [];
	for (const course of rows) {
		const list = await allLessons(db, course.id);
		const moduleIds = [...new Set(list.map((l) => l.moduleId))];
		const lessonIds = list.map((l) => l.id);
		const [modules, titles, versions] = await Promise.all([
			db
				.select()
				.from(courseModules)
				.where(eq(courseModules.courseId, course.id))
				.orderBy(asc(courseModules.position)),
			moduleIds.length > 0
				? db.select().from(moduleTexts).where(inArray(moduleTexts.moduleId, moduleIds))
				: [],
			// Newest version per lesson, language and status.
			lessonIds.length > 0
				? db
						.selectDistinctOn(
							[lessonVersions.lessonId, lessonVersions.locale, lessonVersions.status],
							{
								lessonId: lessonVersions.lessonId,
								locale: lessonVersions.locale,
								status: lessonVersions.status,
								version: lessonVersions.version,
								title: lessonVersions.title
							}
						)
						.from(lessonVersions)
						.where(inArray(lessonVersions.lessonId, lessonIds))
						.orderBy(
							lessonVersions.lessonId,
							lessonVersions.locale,
							lessonVersions.status,
							desc(lessonVersions.version)
						)
				: []
		]);
		const missing = Object.fromEntries(site.locales.map((l) => [l, 0]));
		const lessonsOf = (moduleId: string) =>
			list
				.filter((l) => l.moduleId === moduleId)
				.map((l) => {
					const mine = versions.filter((v) => v.lessonId === l.id);
					const states: Record<string, TranslationState> = {};
					for (const locale of site.locales) {
						const state = translationState(mine, locale);
						states[locale] = state;
						if (state === 'draft' || state === 'missing')
							missing[locale] = (missing[locale] ?? 0) + 1;
					}
					const published = mine.filter((v) => v.status === 'published');
					const title =
						pickLocale(published.length > 0 ? published : mine, input.locale, site.defaultLocale)
							?.title ?? l.slug;
					return { segment: l.segment, title, states };
				});
		result.push({
			slug: course.slug,
			title: texts.get(course.id)?.title ?? course.slug,
			modules: modules.map((mod) => ({
				slug: mod.slug,
				title:
					pickLocale(
						titles.filter((t) => t.moduleId === mod.id),
						input.locale,
						site.defaultLocale
					)?.title ?? mod.slug,
				lessons: lessonsOf(mod.id)
			})),
			missing
		});
	}
	return { locales: site.locales, courses: result };
}
