import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { goalSteps } from './goals.schema';
import { ownStep } from './goal-access';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZSetStepDoneInput = z.object({
	stepId: zId,
	/** A form sends "true" to tick and "false" to untick. */
	done: z.union(
		[z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')],
		'err_invalid'
	)
});
export type TSetStepDoneInput = z.input<typeof ZSetStepDoneInput>;

/** Ticks or unticks one of the member's accepted steps; audited. */
export async function setStepDone({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TSetStepDoneInput;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { stepId, done } = parseInput(ZSetStepDoneInput, input);
	await db.transaction(async (tx) => {
		const { step, goal } = await ownStep(tx, actor, site.id, stepId);
		if (step.status !== 'open' && step.status !== 'done')
			throw new AppError('conflict', { step: 'err_step_not_accepted' });
		if ((step.status === 'done') === done) return; // already so: a repeated submit changes nothing
		await tx
			.update(goalSteps)
			.set({ status: done ? 'done' : 'open', doneAt: done ? now : null })
			.where(eq(goalSteps.id, step.id));
		await recordActorAudit(tx, actor, {
			action: done ? 'goal_step.tick' : 'goal_step.untick',
			entityType: 'goal_step',
			entityId: step.id,
			details: { goalId: goal.id }
		});
	});
}
