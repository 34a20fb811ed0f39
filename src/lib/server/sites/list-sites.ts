import { and, asc, countDistinct, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { memberships } from '../people/people.schema';
import { sites } from './sites.schema';

export type SiteListRow = { id: string; slug: string; name: string; memberCount: number };

/** Every site with how many people belong to it (suspended ones not counted), for the platform admin: no personal data. */
export async function listSites({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<SiteListRow[]> {
	requireUseCase(actor, 'platform.sites');
	return db
		.select({
			id: sites.id,
			slug: sites.slug,
			name: sites.name,
			memberCount: countDistinct(memberships.userId)
		})
		.from(sites)
		.leftJoin(memberships, and(eq(memberships.siteId, sites.id), isNull(memberships.suspendedAt)))
		.groupBy(sites.id)
		.orderBy(asc(sites.name));
}
