import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { reflections } from './courses.schema';
import { enrolledLesson } from './enrolled-lesson';
import { zKey, zReflection } from './lesson-forms';
import { sealReflection } from './reflection-text';

/** A reflection prompt's form: which prompt, and what the person wrote. */
export const ZSaveReflectionForm = z.object({ prompt: zKey, body: zReflection });
export type TSaveReflectionInput = z.infer<typeof ZSaveReflectionForm> & {
	course: string;
	lesson: string;
	locale: string;
};

/**
 * Saves (or replaces) the actor's private reflection on a prompt of a lesson they are enrolled
 * for. The text is encrypted before it reaches the database. Audited, without the text.
 */
export async function saveReflection({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TSaveReflectionInput;
}): Promise<void> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	await app.db.transaction(async (tx) => {
		const { lesson, content } = await enrolledLesson(tx, {
			siteId: site.id,
			siteDefault: site.defaultLocale,
			userId: actor.userId,
			...input
		});
		if (!content.reflections.some((r) => r.key === input.prompt))
			throw new AppError('invalid_input', { prompt: 'err_invalid' });
		const where = { userId: actor.userId, lessonId: lesson.id, promptKey: input.prompt };
		const bodyEncrypted = sealReflection(app.config.secret, where, input.body);
		const [row] = await tx
			.insert(reflections)
			.values({ siteId: site.id, ...where, bodyEncrypted })
			.onConflictDoUpdate({
				target: [reflections.userId, reflections.lessonId, reflections.promptKey],
				set: { bodyEncrypted, updatedAt: new Date() }
			})
			.returning({ id: reflections.id });
		await recordActorAudit(tx, actor, {
			action: 'reflection.save',
			entityType: 'reflection',
			entityId: row?.id ?? null,
			details: { lessonId: lesson.id, promptKey: input.prompt }
		});
	});
}
