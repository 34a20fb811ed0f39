import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { goalShares } from './goals.schema';
import { ownGoal } from './goal-access';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZRevokeGoalShareInput = z.object({ goalId: zId, supporterId: zId });

/** Stops sharing one of the member's goals with a supporter, at once; audited. */
export async function revokeGoalShare({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZRevokeGoalShareInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { goalId, supporterId } = parseInput(ZRevokeGoalShareInput, input);
	await db.transaction(async (tx) => {
		const goal = await ownGoal(tx, actor, site.id, goalId);
		const ended = await tx
			.update(goalShares)
			.set({ revokedAt: now })
			.where(
				and(
					eq(goalShares.goalId, goal.id),
					eq(goalShares.sharedWithUserId, supporterId),
					isNull(goalShares.revokedAt)
				)
			)
			.returning({ id: goalShares.id });
		// Revoking what is not shared (a repeated click) changes nothing and needs no record.
		if (ended.length === 0) return;
		await recordActorAudit(tx, actor, {
			action: 'goal.share_revoke',
			entityType: 'goal',
			entityId: goal.id,
			details: { supporterId }
		});
	});
}
