import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { resourceInterests, type ResourceInterests } from './resources.schema';

/**
 * The member's own interests, needs and location, or null before they first answered. Only the
 * member reads them here, so nothing is audited; another reader would need a use case that audits.
 */
export async function getMyInterests({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<ResourceInterests | null> {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const [row] = await db
		.select()
		.from(resourceInterests)
		.where(and(eq(resourceInterests.siteId, site.id), eq(resourceInterests.userId, actor.userId)));
	return row ?? null;
}
