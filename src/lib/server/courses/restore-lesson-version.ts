import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { lessonVersions } from './courses.schema';
import { lessonForEditing, newestVersion } from './lesson-authoring';

/**
 * Copies an earlier version of a lesson in one language into a new draft, so it can be checked
 * and published again; members keep seeing the published version meanwhile.
 */
export async function restoreLessonVersion({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { course: string; lesson: string; locale: string; version: number };
}): Promise<{ version: number }> {
	const editing = await lessonForEditing(db, actor, input);
	const { lesson } = editing;
	return db.transaction(async (tx) => {
		const [old] = await tx
			.select()
			.from(lessonVersions)
			.where(
				and(
					eq(lessonVersions.lessonId, lesson.id),
					eq(lessonVersions.locale, input.locale),
					eq(lessonVersions.version, input.version)
				)
			)
			.limit(1);
		if (!old) throw notFound();
		const version = ((await newestVersion(tx, lesson.id, input.locale))?.version ?? 0) + 1;
		await tx.insert(lessonVersions).values({
			lessonId: lesson.id,
			locale: input.locale,
			version,
			title: old.title,
			source: old.source,
			content: old.content,
			status: 'draft',
			createdBy: editing.actor.userId
		});
		await recordActorAudit(tx, editing.actor, {
			action: 'lesson.restore',
			entityType: 'lesson',
			entityId: lesson.id,
			details: { locale: input.locale, from: input.version, version }
		});
		return { version };
	});
}
