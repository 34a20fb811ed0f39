// A job that acts for one person (the daily digest) asks the same question a page of theirs would:
// what may they reach on this site now. It builds the Actor their request would carry, from their
// current roles there, without a session: a suspended membership has no roles, so reaches nothing.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { buildActorAccess, type Actor } from '../access/actor';
import { memberships } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';

/** The Actor a request of this person on `site` would carry, for work done on their behalf. */
export async function recipientActor(
	db: Db,
	person: {
		userId: string;
		email: string;
		name: string;
		isPlatformAdmin: boolean;
		twoFactorEnabled: boolean;
	},
	site: Site
): Promise<Actor> {
	const rows = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(
			and(
				eq(memberships.userId, person.userId),
				eq(memberships.siteId, site.id),
				isNull(memberships.suspendedAt)
			)
		);
	const roles = rows.map((r) => r.role);
	return {
		...person,
		sessionId: '',
		sessionToken: '',
		site,
		roles,
		sites: [{ id: site.id, slug: site.slug, name: site.name, roles }],
		ip: null,
		...buildActorAccess({ roles, site, ...person })
	};
}
