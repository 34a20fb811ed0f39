import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { goals } from './goals.schema';
import { ownGoal } from './goal-access';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const goalStatuses = ['active', 'achieved', 'set_aside'] as const;
export const ZSetGoalStatusInput = z.object({
	goalId: zId,
	status: z.enum(goalStatuses, 'err_invalid')
});

/** Marks one of the member's goals achieved, sets it aside, or takes it up again; audited. */
export async function setGoalStatus({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZSetGoalStatusInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { goalId, status } = parseInput(ZSetGoalStatusInput, input);
	await db.transaction(async (tx) => {
		const goal = await ownGoal(tx, actor, site.id, goalId);
		if (goal.status === status) return;
		await tx.update(goals).set({ status, updatedAt: now }).where(eq(goals.id, goal.id));
		await recordActorAudit(tx, actor, {
			action: 'goal.status',
			entityType: 'goal',
			entityId: goal.id,
			details: { from: goal.status, to: status }
		});
	});
}
