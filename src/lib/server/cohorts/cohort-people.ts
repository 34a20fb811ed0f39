// Who is in a cohort, shown by display name only (never an email).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { personName, type Person } from '../people/names';
import { cohortMembers } from './cohorts.schema';

/** The cohort's current participants, by name. */
export async function participantsOf(tx: Db | Tx, cohortId: string): Promise<Person[]> {
	return tx
		.select({ userId: user.id, name: personName })
		.from(cohortMembers)
		.innerJoin(user, eq(user.id, cohortMembers.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(and(eq(cohortMembers.cohortId, cohortId), isNull(cohortMembers.leftAt)))
		.orderBy(asc(personName), asc(user.id));
}
