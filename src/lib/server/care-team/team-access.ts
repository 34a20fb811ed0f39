// Who may change a member's care team, in one place: the site admin, or the professional who is
// the member's current care coordinator. Anyone else, a person who is not a member of the site,
// or a member of another site is "not found".
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { can, type Actor } from '../access/actor';
import { notFound } from '../errors';
import { user } from '../db/auth.schema';
import { memberships, type SiteRole } from '../people/people.schema';
import { activeMembershipOn } from '../people/site-roles';
import { careTeamAssignments } from './care-team.schema';

/** Whether the person holds `role` on the site, not suspended, with an enabled account. */
export async function holdsRole(
	tx: Tx,
	siteId: string,
	userId: string,
	role: SiteRole
): Promise<boolean> {
	if (userId.length > 100) return false;
	const [row] = await tx
		.select({ id: memberships.id })
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.where(
			and(
				activeMembershipOn(siteId),
				eq(memberships.userId, userId),
				eq(memberships.role, role),
				isNull(user.disabledAt)
			)
		)
		.limit(1);
	return row !== undefined;
}

/** The member whose team the actor may change; otherwise "not found". */
export async function teamToManage(
	tx: Tx,
	actor: Actor,
	siteId: string,
	memberId: string
): Promise<void> {
	if (!(await holdsRole(tx, siteId, memberId, 'member'))) throw notFound();
	if (can(actor, 'site.people')) return;
	const [coordinating] = await tx
		.select({ id: careTeamAssignments.id })
		.from(careTeamAssignments)
		.where(
			and(
				eq(careTeamAssignments.siteId, siteId),
				eq(careTeamAssignments.memberId, memberId),
				eq(careTeamAssignments.supporterId, actor.userId),
				eq(careTeamAssignments.role, 'care_coordinator'),
				isNull(careTeamAssignments.endedOn)
			)
		)
		.limit(1);
	if (!coordinating) throw notFound();
}
