import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { goalSteps } from './goals.schema';
import { zStepText } from './goals.validation';
import { parseInput, zId, zOptionalDay } from '../validation';
import { ownStep } from './goal-access';
import { addDays, dayOf } from '../dates/calendar';
import { recordActorAudit } from '../audit/record-audit';

export const ZAcceptStepInput = z.object({
	stepId: zId,
	/** Changed words; absent means "accept as proposed". */
	text: zStepText.optional(),
	targetDate: zOptionalDay()
});
export type TAcceptStepInput = z.input<typeof ZAcceptStepInput>;

/** A home assignment is due by the next weekly session unless the member picks another day. */
const DEFAULT_DAYS = 7;

/**
 * Accepts a proposed step, as proposed or changed, making it an open step with a target date;
 * audited. The date may not be in the past (site time zone).
 */
export async function acceptStep({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TAcceptStepInput;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const data = parseInput(ZAcceptStepInput, input);
	await db.transaction(async (tx) => {
		const { step, goal } = await ownStep(tx, actor, site.id, data.stepId);
		if (step.status !== 'proposed')
			throw new AppError('conflict', { step: 'err_step_not_proposed' });
		const today = dayOf(now, site.timeZone);
		const targetDate = data.targetDate ?? addDays(today, DEFAULT_DAYS);
		if (targetDate < today)
			throw new AppError('invalid_input', { targetDate: 'err_step_date_past' });
		const text = data.text ?? step.text;
		await tx
			.update(goalSteps)
			.set({ status: 'open', text, targetDate })
			.where(eq(goalSteps.id, step.id));
		await recordActorAudit(tx, actor, {
			action: 'goal_step.accept',
			entityType: 'goal_step',
			entityId: step.id,
			details: { goalId: goal.id, changed: text !== step.text }
		});
	});
}
