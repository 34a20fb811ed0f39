import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { plans, planShares } from './plans.schema';
import type { PlanKind } from './plan-sections';

export type SharedPlanSummary = {
	planId: string;
	kind: PlanKind;
	memberName: string;
	sharedAt: Date;
};

/**
 * The plans members of the actor's site currently share with them (revoked shares are gone at
 * once): whose, which kind, since when; no plan text. Audited as one read of the list.
 */
export async function listSharedPlans({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<SharedPlanSummary[]> {
	requireUseCase(actor, 'plans.read_shared');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				planId: plans.id,
				kind: plans.kind,
				accountName: user.name,
				displayName: profiles.displayName,
				sharedAt: planShares.createdAt
			})
			.from(planShares)
			.innerJoin(plans, eq(plans.id, planShares.planId))
			.innerJoin(user, eq(user.id, plans.userId))
			.leftJoin(profiles, eq(profiles.userId, plans.userId))
			.where(
				and(
					eq(planShares.sharedWithUserId, actor.userId),
					isNull(planShares.revokedAt),
					eq(plans.siteId, site.id),
					gt(plans.latestVersion, 0)
				)
			)
			.orderBy(desc(planShares.createdAt), desc(plans.id));
		if (rows.length > 0)
			await recordActorAudit(tx, actor, {
				action: 'plan.list_shared',
				entityType: 'plan',
				entityId: null,
				details: { count: rows.length }
			});
		return rows.map((r) => ({
			planId: r.planId,
			kind: r.kind,
			memberName: r.displayName ?? r.accountName,
			sharedAt: r.sharedAt
		}));
	});
}
