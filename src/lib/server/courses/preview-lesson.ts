import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { checkLessonText, lessonForEditing } from './lesson-authoring';

/**
 * A lesson text rendered as members would see it, without saving anything. Throws
 * CourseFormatError (line and field per problem) when the text would not save either.
 */
export async function previewLesson({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { course: string; lesson: string; locale: string; source: string };
}): Promise<{ title: string; html: string }> {
	const { site, lesson } = await lessonForEditing(db, actor, input);
	const checked = await checkLessonText(db, {
		site,
		lesson,
		locale: input.locale,
		source: input.source
	});
	return { title: checked.title, html: checked.content.html };
}
