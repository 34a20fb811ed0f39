import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { goalSteps } from './goals.schema';
import { zStepText } from './goals.validation';
import { parseInput, zId, zDay } from '../validation';
import { nextPosition, ownGoal } from './goal-access';
import { dayOf } from '../dates/calendar';
import { recordActorAudit } from '../audit/record-audit';

export const ZAddStepInput = z.object({ goalId: zId, text: zStepText, targetDate: zDay() });
export type TAddStepInput = z.infer<typeof ZAddStepInput>;

/**
 * Adds a SMART step with a target date to one of the member's goals; audited. The date may not
 * be before today in the site's time zone.
 */
export async function addStep({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TAddStepInput;
	now?: Date;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { goalId, text, targetDate } = parseInput(ZAddStepInput, input);
	return db.transaction(async (tx) => {
		const goal = await ownGoal(tx, actor, site.id, goalId);
		if (targetDate < dayOf(now, site.timeZone))
			throw new AppError('invalid_input', { targetDate: 'err_step_date_past' });
		const [step] = await tx
			.insert(goalSteps)
			.values({
				goalId: goal.id,
				text,
				targetDate,
				position: await nextPosition(tx, goal.id),
				status: 'open'
			})
			.returning({ id: goalSteps.id });
		if (!step) throw new Error('step insert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'goal_step.create',
			entityType: 'goal_step',
			entityId: step.id,
			details: { goalId: goal.id }
		});
		return { id: step.id };
	});
}
