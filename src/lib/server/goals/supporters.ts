// Who can be a named supporter of a member's goal, and how they are shown: display name and the
// supporting roles they hold on the site. Never an email address.
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { user } from '../db/auth.schema';
import { memberships, profiles, type SiteRole } from '../people/people.schema';
import { activeMembershipOn } from '../people/site-roles';

export const supporterRoles = [
	'peer_worker',
	'professional',
	'carer'
] as const satisfies SiteRole[];
export type SupporterRole = (typeof supporterRoles)[number];

export type Supporter = { userId: string; name: string; roles: SupporterRole[] };

/**
 * The site's people holding a supporting role (enabled accounts, never `exceptUserId`), optionally
 * only those in `userIds`, by name.
 */
export async function supportersOnSite(
	tx: Tx,
	siteId: string,
	opts: { exceptUserId?: string; userIds?: string[] } = {}
): Promise<Supporter[]> {
	if (opts.userIds?.length === 0) return [];
	const rows = await tx
		.select({
			userId: user.id,
			accountName: user.name,
			displayName: profiles.displayName,
			role: memberships.role
		})
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(
			and(
				activeMembershipOn(siteId),
				inArray(memberships.role, [...supporterRoles]),
				isNull(user.disabledAt),
				opts.exceptUserId ? ne(user.id, opts.exceptUserId) : undefined,
				opts.userIds ? inArray(user.id, opts.userIds) : undefined
			)
		)
		.orderBy(asc(profiles.displayName), asc(user.name), asc(user.id), asc(memberships.role));
	const byUser = new Map<string, Supporter>();
	for (const row of rows) {
		const person = byUser.get(row.userId) ?? {
			userId: row.userId,
			name: row.displayName ?? row.accountName,
			roles: []
		};
		person.roles.push(row.role as SupporterRole);
		byUser.set(row.userId, person);
	}
	return [...byUser.values()];
}
