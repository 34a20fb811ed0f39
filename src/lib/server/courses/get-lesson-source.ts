import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { startingPoint, type StartingPoint } from '../content/authoring';
import { courseTextsOf } from './course-texts';
import { lessonForEditing, newestVersion } from './lesson-authoring';

export type LessonSource = StartingPoint & {
	course: { slug: string; title: string };
	lesson: { segment: string; slug: string; moduleSlug: string };
	locale: string;
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
	const start = await startingPoint(site, input.locale, (locale) =>
		newestVersion(db, lesson.id, locale)
	);
	return {
		course: { slug: course.slug, title: texts.get(course.id)?.title ?? course.slug },
		lesson: { segment: lesson.segment, slug: lesson.slug, moduleSlug: lesson.moduleSlug },
		locale: input.locale,
		...start
	};
}
