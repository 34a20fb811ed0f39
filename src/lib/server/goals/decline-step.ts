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

export const ZDeclineStepInput = z.object({ stepId: zId });

/** Declines a proposed step (a home assignment) or drops an open one; audited. */
export async function declineStep({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZDeclineStepInput>;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { stepId } = parseInput(ZDeclineStepInput, input);
	await db.transaction(async (tx) => {
		const { step, goal } = await ownStep(tx, actor, site.id, stepId);
		if (step.status === 'declined') return;
		if (step.status === 'done') throw new AppError('conflict', { step: 'err_step_done' });
		await tx
			.update(goalSteps)
			.set({ status: 'declined', doneAt: null })
			.where(eq(goalSteps.id, step.id));
		await recordActorAudit(tx, actor, {
			action: 'goal_step.decline',
			entityType: 'goal_step',
			entityId: step.id,
			details: { goalId: goal.id, was: step.status }
		});
	});
}
