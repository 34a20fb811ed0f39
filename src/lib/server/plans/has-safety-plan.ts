import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import { plans } from './plans.schema';

/**
 * Whether the member has written a safety plan on their site: the app shell then offers it in
 * one tap beside crisis help. False for anyone who keeps no plans. Reads no plan text.
 */
export async function hasSafetyPlan({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<boolean> {
	if (!mayUse(actor, 'plans.own') || !actor) return false;
	const site = requireSite(actor);
	const [row] = await db
		.select({ id: plans.id })
		.from(plans)
		.where(
			and(
				eq(plans.siteId, site.id),
				eq(plans.userId, actor.userId),
				eq(plans.kind, 'safety'),
				gt(plans.latestVersion, 0)
			)
		)
		.limit(1);
	return row !== undefined;
}
