import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { lessons, lessonVersions } from './courses.schema';
import { checkLessonText, lessonForEditing, newestVersion } from './lesson-authoring';
import type { TSaveSourceForm } from '../content/source-forms';

/**
 * Saves a lesson text in one language as a new version (draft, or published for members), after
 * the same checks an import makes. Nothing is written when a check fails.
 */
export async function saveLessonVersion({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: Omit<TSaveSourceForm, 'lang'> & { course: string; lesson: string; locale: string };
}): Promise<{ version: number; status: 'draft' | 'published' }> {
	const editing = await lessonForEditing(db, actor, input);
	const { site, lesson } = editing;
	const source = input.source.replace(/\r\n?/g, '\n');
	const checked = await checkLessonText(db, { site, lesson, locale: input.locale, source });
	const published = input.status === 'published';
	return db.transaction(async (tx) => {
		const latest = await newestVersion(tx, lesson.id, input.locale);
		const version = (latest?.version ?? 0) + 1;
		const now = new Date();
		await tx.insert(lessonVersions).values({
			lessonId: lesson.id,
			locale: input.locale,
			version,
			title: checked.title,
			source,
			content: checked.content,
			status: input.status,
			createdBy: editing.actor.userId,
			publishedAt: published ? now : null
		});
		// The lesson row keeps one reading time: the site's default language decides it.
		if (published && input.locale === site.defaultLocale)
			await tx.update(lessons).set({ minutes: checked.minutes }).where(eq(lessons.id, lesson.id));
		await recordActorAudit(tx, editing.actor, {
			action: published ? 'lesson.publish' : 'lesson.save_draft',
			entityType: 'lesson',
			entityId: lesson.id,
			details: { locale: input.locale, version }
		});
		return { version, status: input.status };
	});
}
