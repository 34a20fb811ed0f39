import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { courseTextsOf } from './course-outline';
import { lessonForEditing, newestVersion } from './lesson-authoring';

export type LessonSource = {
	course: { slug: string; title: string };
	lesson: { segment: string; slug: string; moduleSlug: string };
	locale: string;
	/** What the editor starts from. */
	source: string;
	/**
	 * `own`: the newest version in this language; `default`: no version in this language yet, so
	 * the site's default language (or any) as a starting point to translate; `empty`: nothing at all.
	 */
	from: 'own' | 'default' | 'empty';
	/** The language `source` is written in. */
	sourceLocale: string | null;
	/** The version the editor starts from, in this language. */
	version: { version: number; status: 'draft' | 'published' } | null;
};

/** A lesson's text in one language for the editor, newest version first (draft or published). */
export async function getLessonSource({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { course: string; lesson: string; locale: string };
}): Promise<LessonSource> {
	const { site, course, lesson } = await lessonForEditing(db, actor, input);
	const texts = await courseTextsOf(db, [course.id], input.locale, site.defaultLocale);
	const base = {
		course: { slug: course.slug, title: texts.get(course.id)?.title ?? course.slug },
		lesson: { segment: lesson.segment, slug: lesson.slug, moduleSlug: lesson.moduleSlug },
		locale: input.locale
	};
	const own = await newestVersion(db, lesson.id, input.locale);
	if (own)
		return {
			...base,
			source: own.source,
			from: 'own',
			sourceLocale: own.locale,
			version: { version: own.version, status: own.status }
		};
	const fallbacks = [site.defaultLocale, ...site.locales].filter((l) => l !== input.locale);
	for (const locale of fallbacks) {
		const other = await newestVersion(db, lesson.id, locale);
		if (other)
			return {
				...base,
				source: other.source,
				from: 'default',
				sourceLocale: locale,
				version: null
			};
	}
	return { ...base, source: '', from: 'empty', sourceLocale: null, version: null };
}
