// Who is on a member's care team on one site, in one place. These are lookups for other areas
// (safety alerts, outcomes, the network map, messages) AFTER they have checked their own access:
// nothing here checks permissions or writes an audit record. Three ways onto a team:
// - an assignment (`care_team_assignments`): the assigned professional (care coordinator or
//   counsellor) and peer workers a site admin or the coordinator added;
// - an active companionship match (`companion_requests`): the companion is a peer worker on the
//   team while it runs. Read from its table (any area may read any table; the companionship code
//   comes later in the order): "active" is its `isOver` rule, written here in SQL;
// - a carer the member chose to share something with (`goal_shares`, not revoked): sharing is
//   the member's consent, and what they shared is all a carer sees.
// A supporter counts only while their role on the site is active and their account enabled.
import { and, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { user } from '../db/auth.schema';
import { memberships, profiles, type SiteRole } from '../people/people.schema';
import { activeMembershipOn } from '../people/site-roles';
import { companionRequests } from '../companionship/companionship.schema';
import { goalShares, goals } from '../goals/goals.schema';
import { careTeamAssignments, professionalCareRoles, type CareRole } from './care-team.schema';
import { inTurn } from './in-turn';

export type TeamWay = 'assigned' | 'companion' | 'shared';

export type TeamMember = {
	userId: string;
	name: string;
	/** What they are to the member. */
	role: CareRole | 'carer';
	/** How they came onto the team (a peer worker can be both assigned and a companion). */
	ways: TeamWay[];
	/** The first day on the team (YYYY-MM-DD), on the site's calendar when assigned. */
	since: string;
	/** The current assignment, when there is one (ending or handing over names it). */
	assignmentId: string | null;
	/** Carers: how many of the member's goals they see. */
	sharedGoals: number;
};

export type CareTeam = {
	professional: TeamMember | null;
	peerWorkers: TeamMember[];
	carers: TeamMember[];
};

type Scope = { siteId: string; memberId: string };

/** Supporters whose role on the site is active and whose account is enabled. */
async function activeWithRole(
	tx: Db | Tx,
	siteId: string,
	ids: string[],
	role: SiteRole
): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
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
				activeMembershipOn(siteId),
				eq(memberships.role, role),
				isNull(user.disabledAt),
				inArray(user.id, [...new Set(ids)])
			)
		);
	return new Map(rows.map((r) => [r.userId, r.name]));
}

/** The person id of the member's assigned professional on the site, or null when none is. */
export async function assignedProfessionalOf(
	db: Db | Tx,
	{ siteId, memberId }: Scope
): Promise<string | null> {
	const [row] = await db
		.select({ supporterId: careTeamAssignments.supporterId })
		.from(careTeamAssignments)
		.innerJoin(user, eq(user.id, careTeamAssignments.supporterId))
		.innerJoin(
			memberships,
			and(
				eq(memberships.userId, careTeamAssignments.supporterId),
				eq(memberships.siteId, careTeamAssignments.siteId),
				eq(memberships.role, 'professional'),
				isNull(memberships.suspendedAt)
			)
		)
		.where(
			and(
				eq(careTeamAssignments.siteId, siteId),
				eq(careTeamAssignments.memberId, memberId),
				isNull(careTeamAssignments.endedOn),
				inArray(careTeamAssignments.role, [...professionalCareRoles]),
				isNull(user.disabledAt)
			)
		)
		.limit(1);
	return row?.supporterId ?? null;
}

/** The member's care team on the site now: the assigned professional, peer workers and carers. */
export async function careTeamOf(
	db: Db | Tx,
	{ siteId, memberId }: Scope,
	now: Date = new Date()
): Promise<CareTeam> {
	const [assigned, companions, shares] = await inTurn(
		() =>
			db
				.select({
					id: careTeamAssignments.id,
					supporterId: careTeamAssignments.supporterId,
					role: careTeamAssignments.role,
					startedOn: careTeamAssignments.startedOn
				})
				.from(careTeamAssignments)
				.where(
					and(
						eq(careTeamAssignments.siteId, siteId),
						eq(careTeamAssignments.memberId, memberId),
						isNull(careTeamAssignments.endedOn)
					)
				)
				.orderBy(careTeamAssignments.startedOn, careTeamAssignments.createdAt),
		() =>
			db
				.select({
					peerId: companionRequests.peerId,
					since: sql<string>`to_char(coalesce(${companionRequests.acceptedAt}, ${companionRequests.createdAt}) at time zone 'UTC', 'YYYY-MM-DD')`
				})
				.from(companionRequests)
				.where(
					and(
						eq(companionRequests.siteId, siteId),
						eq(companionRequests.memberId, memberId),
						eq(companionRequests.status, 'active'),
						isNull(companionRequests.endedAt),
						or(isNull(companionRequests.endsAt), gt(companionRequests.endsAt, now))
					)
				),
		() =>
			db
				.select({
					userId: goalShares.sharedWithUserId,
					goals: sql<number>`count(*)::int`,
					since: sql<string>`to_char(min(${goalShares.createdAt}) at time zone 'UTC', 'YYYY-MM-DD')`
				})
				.from(goalShares)
				.innerJoin(goals, eq(goals.id, goalShares.goalId))
				.where(
					and(
						eq(goals.siteId, siteId),
						eq(goals.userId, memberId),
						isNull(goalShares.revokedAt),
						ne(goalShares.sharedWithUserId, memberId)
					)
				)
				.groupBy(goalShares.sharedWithUserId)
	);

	const professionalRow = assigned.find((a) => a.role !== 'peer_worker');
	const peerRows = assigned.filter((a) => a.role === 'peer_worker');
	const companionIds = companions.flatMap((c) => (c.peerId ? [c.peerId] : []));
	const [professionals, peers, carers] = await inTurn(
		() =>
			activeWithRole(
				db,
				siteId,
				professionalRow ? [professionalRow.supporterId] : [],
				'professional'
			),
		() =>
			activeWithRole(
				db,
				siteId,
				[...peerRows.map((p) => p.supporterId), ...companionIds],
				'peer_worker'
			),
		() =>
			activeWithRole(
				db,
				siteId,
				shares.map((s) => s.userId),
				'carer'
			)
	);

	const professionalName = professionalRow && professionals.get(professionalRow.supporterId);
	const professional: TeamMember | null =
		professionalRow && professionalName !== undefined
			? {
					userId: professionalRow.supporterId,
					name: professionalName,
					role: professionalRow.role,
					ways: ['assigned'],
					since: professionalRow.startedOn,
					assignmentId: professionalRow.id,
					sharedGoals: 0
				}
			: null;

	const peerWorkers = new Map<string, TeamMember>();
	for (const row of peerRows) {
		const name = peers.get(row.supporterId);
		if (name === undefined) continue;
		peerWorkers.set(row.supporterId, {
			userId: row.supporterId,
			name,
			role: 'peer_worker',
			ways: ['assigned'],
			since: row.startedOn,
			assignmentId: row.id,
			sharedGoals: 0
		});
	}
	for (const c of companions) {
		if (!c.peerId) continue;
		const name = peers.get(c.peerId);
		if (name === undefined) continue;
		const known = peerWorkers.get(c.peerId);
		if (known) {
			known.ways.push('companion');
			if (c.since < known.since) known.since = c.since;
		} else
			peerWorkers.set(c.peerId, {
				userId: c.peerId,
				name,
				role: 'peer_worker',
				ways: ['companion'],
				since: c.since,
				assignmentId: null,
				sharedGoals: 0
			});
	}

	const carerList: TeamMember[] = shares.flatMap((s) => {
		const name = carers.get(s.userId);
		return name === undefined
			? []
			: [
					{
						userId: s.userId,
						name,
						role: 'carer' as const,
						ways: ['shared' as const],
						since: s.since,
						assignmentId: null,
						sharedGoals: s.goals
					}
				];
	});

	const byName = (a: TeamMember, b: TeamMember) =>
		a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
	return {
		professional,
		peerWorkers: [...peerWorkers.values()].sort(byName),
		carers: carerList.sort(byName)
	};
}
