// Who is in a cohort and who could join it, shown by display name only (never an email).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { user } from '../db/auth.schema';
import { memberships, profiles } from '../people/people.schema';
import { cohortMembers } from './cohorts.schema';

export type Person = { userId: string; name: string };

const displayName = sql<string>`coalesce(${profiles.displayName}, ${user.name})`;

/** The cohort's current participants, by name. */
export async function participantsOf(tx: Db | Tx, cohortId: string): Promise<Person[]> {
	return tx
		.select({ userId: user.id, name: displayName })
		.from(cohortMembers)
		.innerJoin(user, eq(user.id, cohortMembers.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(and(eq(cohortMembers.cohortId, cohortId), isNull(cohortMembers.leftAt)))
		.orderBy(asc(displayName), asc(user.id));
}

/** Members of the site (enabled accounts holding the member role), optionally only `userIds`. */
export async function siteMembers(
	tx: Db | Tx,
	siteId: string,
	userIds?: string[]
): Promise<Person[]> {
	return tx
		.selectDistinct({ userId: user.id, name: displayName })
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(
			and(
				eq(memberships.siteId, siteId),
				eq(memberships.role, 'member'),
				isNull(user.disabledAt),
				userIds ? inArray(user.id, userIds) : undefined
			)
		)
		.orderBy(asc(displayName), asc(user.id));
}
