import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { checkAnswers } from './courses.schema';
import { enrolledLesson } from './enrolled-lesson';
import { zKey } from './lesson-forms';

/** A knowledge check's form: which check, and the index of the chosen option (a radio button). */
export const ZAnswerCheckForm = z.object({
	check: zKey,
	option: z
		.string('err_choose_option')
		.regex(/^\d{1,3}$/, 'err_choose_option')
		.transform(Number)
});
export type TAnswerCheckInput = z.infer<typeof ZAnswerCheckForm> & {
	course: string;
	lesson: string;
	locale: string;
};

export type CheckFeedback = {
	check: string;
	option: number;
	correct: boolean;
	explanation: string;
};

/**
 * Records the actor's answer to a knowledge check of a lesson they are enrolled for and tells
 * them at once whether it was right, with the explanation. Audited.
 */
export async function answerCheck({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TAnswerCheckInput;
}): Promise<CheckFeedback> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const { lesson, enrolment, content } = await enrolledLesson(tx, {
			siteId: site.id,
			siteDefault: site.defaultLocale,
			userId: actor.userId,
			...input
		});
		const check = content.checks.find((c) => c.key === input.check);
		if (!check) throw new AppError('invalid_input', { check: 'err_invalid' });
		const option = check.options[input.option];
		if (!option) throw new AppError('invalid_input', { option: 'err_choose_option' });
		const [row] = await tx
			.insert(checkAnswers)
			.values({
				enrolmentId: enrolment.id,
				lessonId: lesson.id,
				checkKey: check.key,
				optionIndex: input.option,
				correct: option.correct
			})
			.returning({ id: checkAnswers.id });
		await recordActorAudit(tx, actor, {
			action: 'check.answer',
			entityType: 'check_answer',
			entityId: row?.id ?? null,
			details: { lessonId: lesson.id, checkKey: check.key, correct: option.correct }
		});
		return {
			check: check.key,
			option: input.option,
			correct: option.correct,
			explanation: check.explanation
		};
	});
}
