import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { goals } from './goals.schema';
import { zGoalText } from './goals.validation';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZCreateGoalInput = z.object({ text: zGoalText });
export type TCreateGoalInput = z.infer<typeof ZCreateGoalInput>;

/** Creates a recovery goal in the member's own words; audited. Returns the new goal's id. */
export async function createGoal({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TCreateGoalInput;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { text } = parseInput(ZCreateGoalInput, input);
	return db.transaction(async (tx) => {
		const [goal] = await tx
			.insert(goals)
			.values({ siteId: site.id, userId: actor.userId, text })
			.returning({ id: goals.id });
		if (!goal) throw new Error('goal insert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'goal.create',
			entityType: 'goal',
			entityId: goal.id
		});
		return { id: goal.id };
	});
}
