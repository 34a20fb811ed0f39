import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { planShares } from './plans.schema';
import { ownPlanOf } from './plan-access';
import { zPlanKind } from './plan-sections';

export const ZRevokePlanShareInput = z.object({ kind: zPlanKind, supporterId: zId });

/** Stops sharing the member's plan of a kind with a supporter, at once; audited. */
export async function revokePlanShare({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZRevokePlanShareInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'plans.own');
	const site = requireSite(actor);
	const { kind, supporterId } = parseInput(ZRevokePlanShareInput, input);
	await db.transaction(async (tx) => {
		const plan = await ownPlanOf(tx, site.id, actor.userId, kind);
		if (!plan) throw notFound();
		const ended = await tx
			.update(planShares)
			.set({ revokedAt: now })
			.where(
				and(
					eq(planShares.planId, plan.id),
					eq(planShares.sharedWithUserId, supporterId),
					isNull(planShares.revokedAt)
				)
			)
			.returning({ id: planShares.id });
		// Revoking what is not shared (a repeated click) changes nothing and needs no record.
		if (ended.length === 0) return;
		await recordActorAudit(tx, actor, {
			action: 'plan.share_revoke',
			entityType: 'plan',
			entityId: plan.id,
			details: { kind, supporterId }
		});
	});
}
