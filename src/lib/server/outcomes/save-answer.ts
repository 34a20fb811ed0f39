import { z } from 'zod';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { parseInput, zId, zOptionalText } from '../validation';
import { checkinAnswers } from './outcomes.schema';
import { ownCheckin, type CheckinResponse } from './checkin-access';
import { sealAnswer } from './answer-text';

/** One answer as a form sends it: the question, and the chosen option's code or the text. */
export const ZSaveAnswerForm = z.object({
	item: zId,
	choice: z.string().max(100).optional(),
	text: zOptionalText(4000)
});
export type TSaveAnswerInput = z.infer<typeof ZSaveAnswerForm> & { responseId: string };

/** Refuses a check-in that no longer takes answers: done already, or its window has closed. */
export function requireOpen(response: CheckinResponse, now: Date): void {
	if (response.status === 'completed')
		throw new AppError('conflict', { _: 'out_err_already_done' });
	if (response.status === 'missed' || response.closesAt <= now)
		throw new AppError('conflict', { _: 'out_err_window_closed' }, { closed: response.closesAt });
	if (response.opensAt > now)
		throw new AppError('conflict', { _: 'out_err_not_open' }, { opens: response.opensAt });
}

/**
 * Saves one answer of the actor's open check-in the moment it is given, replacing an earlier
 * answer to the same question (so a form sent twice leaves one answer). A choice must be one of
 * the question's options; a text answer is encrypted. Audited, without the answer.
 */
export async function saveAnswer({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TSaveAnswerInput;
	now?: Date;
}): Promise<{ linkId: string }> {
	const { item, choice, text } = parseInput(ZSaveAnswerForm, input);
	return app.db.transaction(async (tx) => {
		const { actor: who, response, instrument } = await ownCheckin(tx, actor, input.responseId);
		requireOpen(response, now);
		const question = instrument.items.find((i) => i.linkId === item);
		if (!question) throw new AppError('invalid_input', { item: 'out_err_no_such_question' });
		let value: number | null = null;
		let textEncrypted: string | null = null;
		if (question.kind === 'choice') {
			const option = question.options.find((o) => o.code === choice);
			if (!option) throw new AppError('invalid_input', { [`choice`]: 'out_err_pick_option' });
			value = option.value;
		} else if (text !== undefined) {
			textEncrypted = sealAnswer(app.config.secret, response.id, item, text);
		}
		await tx
			.insert(checkinAnswers)
			.values({ responseId: response.id, linkId: item, value, textEncrypted, answeredAt: now })
			.onConflictDoUpdate({
				target: [checkinAnswers.responseId, checkinAnswers.linkId],
				set: { value, textEncrypted, answeredAt: now }
			});
		await recordActorAudit(tx, who, {
			action: 'checkin.answer',
			entityType: 'checkin',
			entityId: response.id,
			details: { linkId: item }
		});
		return { linkId: item };
	});
}
