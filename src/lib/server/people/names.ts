import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { user } from '../db/auth.schema';
import { memberships, profiles } from './people.schema';

export type StaffPerson = { userId: string; name: string };

/** People holding `role` on the site (not disabled), by display name; optionally only `userIds`. */
export async function siteStaff(
	tx: Db | Tx,
	siteId: string,
	role: 'peer_worker' | 'professional',
	userIds?: readonly string[]
): Promise<StaffPerson[]> {
	if (userIds && userIds.length === 0) return [];
	const rows = await tx
		.selectDistinct({
			userId: user.id,
			name: sql<string>`coalesce(${profiles.displayName}, ${user.name})`
		})
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(
			and(
				eq(memberships.siteId, siteId),
				eq(memberships.role, role),
				isNull(user.disabledAt),
				userIds ? inArray(user.id, [...userIds]) : undefined
			)
		);
	return rows.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}
