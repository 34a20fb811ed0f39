import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { notFound } from '../errors';
import { memberships, type SiteRole } from './people.schema';

/**
 * Membership rows that grant something on the site: not suspended by its admin. Pickers, counts
 * and lists of people to work with use it; the admin's own views of a person do not.
 */
export function activeMembershipOn(siteId: string) {
	return and(eq(memberships.siteId, siteId), isNull(memberships.suspendedAt));
}

/**
 * The roles a person holds on one site. No role there means "not found": a site admin cannot
 * tell another site's person from an account that does not exist.
 */
export async function rolesOnSite(tx: Tx, siteId: string, userId: string): Promise<SiteRole[]> {
	if (userId.length > 100) throw notFound();
	const rows = await tx
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.siteId, siteId), eq(memberships.userId, userId)))
		.orderBy(asc(memberships.role));
	if (rows.length === 0) throw notFound();
	return rows.map((r) => r.role);
}
