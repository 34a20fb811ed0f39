import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { goalShares } from './goals.schema';
import { ownGoal } from './goal-access';
import { supportersOnSite } from './supporters';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZShareGoalInput = z.object({
	goalId: zId,
	supporterId: z.string('err_supporter').min(1, 'err_supporter').max(100, 'err_supporter')
});

/**
 * Shares one of the member's goals with a named supporter of the same site (peer worker,
 * professional or carer); sharing again after a revocation restores the view. Audited.
 */
export async function shareGoal({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZShareGoalInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { goalId, supporterId } = parseInput(ZShareGoalInput, input);
	await db.transaction(async (tx) => {
		const goal = await ownGoal(tx, actor, site.id, goalId);
		const [supporter] = await supportersOnSite(tx, site.id, {
			exceptUserId: actor.userId,
			userIds: [supporterId]
		});
		if (!supporter) throw new AppError('invalid_input', { supporterId: 'err_supporter' });
		await tx
			.insert(goalShares)
			.values({ goalId: goal.id, sharedWithUserId: supporter.userId, createdAt: now })
			.onConflictDoUpdate({
				target: [goalShares.goalId, goalShares.sharedWithUserId],
				set: { revokedAt: null, createdAt: now }
			});
		await recordActorAudit(tx, actor, {
			action: 'goal.share',
			entityType: 'goal',
			entityId: goal.id,
			details: { supporterId: supporter.userId }
		});
	});
}
