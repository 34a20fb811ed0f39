import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError, notFound } from '../errors';
import { supportersOnSite } from '../goals/supporters';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { planShares } from './plans.schema';
import { ownPlanOf } from './plan-access';
import { zPlanKind } from './plan-sections';

export const ZSharePlanInput = z.object({
	kind: zPlanKind,
	supporterId: z.string('err_supporter').min(1, 'err_supporter').max(100, 'err_supporter')
});

/**
 * Shares the member's plan of a kind with a named supporter of the same site (peer worker,
 * professional or carer: the same people goals are shared with); sharing again after a
 * revocation restores the view. A plan not written yet cannot be shared. Audited.
 */
export async function sharePlan({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZSharePlanInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'plans.own');
	const site = requireSite(actor);
	const { kind, supporterId } = parseInput(ZSharePlanInput, input);
	await db.transaction(async (tx) => {
		const plan = await ownPlanOf(tx, site.id, actor.userId, kind);
		if (!plan || plan.latestVersion === 0) throw notFound();
		const [supporter] = await supportersOnSite(tx, site.id, {
			exceptUserId: actor.userId,
			userIds: [supporterId]
		});
		if (!supporter) throw new AppError('invalid_input', { supporterId: 'err_supporter' });
		await tx
			.insert(planShares)
			.values({ planId: plan.id, sharedWithUserId: supporter.userId, createdAt: now })
			.onConflictDoUpdate({
				target: [planShares.planId, planShares.sharedWithUserId],
				set: { revokedAt: null, createdAt: now }
			});
		await recordActorAudit(tx, actor, {
			action: 'plan.share',
			entityType: 'plan',
			entityId: plan.id,
			details: { kind, supporterId: supporter.userId }
		});
	});
}
