import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { goalSteps } from './goals.schema';
import { zStepText } from './goals.validation';
import { parseInput, zId, zDay } from '../validation';
import { ownStep } from './goal-access';
import { dayOf } from '../dates/calendar';
import { recordActorAudit } from '../audit/record-audit';

export const ZEditStepInput = z.object({ stepId: zId, text: zStepText, targetDate: zDay() });
export type TEditStepInput = z.infer<typeof ZEditStepInput>;

/**
 * Changes the words or target date of one of the member's accepted steps; audited. A new date may
 * not be in the past (site time zone); an unchanged overdue date is kept.
 */
export async function editStep({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TEditStepInput;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { stepId, text, targetDate } = parseInput(ZEditStepInput, input);
	await db.transaction(async (tx) => {
		const { step, goal } = await ownStep(tx, actor, site.id, stepId);
		if (step.status !== 'open' && step.status !== 'done')
			throw new AppError('conflict', { step: 'err_step_not_accepted' });
		if (targetDate !== step.targetDate && targetDate < dayOf(now, site.timeZone))
			throw new AppError('invalid_input', { targetDate: 'err_step_date_past' });
		await tx.update(goalSteps).set({ text, targetDate }).where(eq(goalSteps.id, step.id));
		await recordActorAudit(tx, actor, {
			action: 'goal_step.update',
			entityType: 'goal_step',
			entityId: step.id,
			details: { goalId: goal.id }
		});
	});
}
