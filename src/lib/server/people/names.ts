// How Kith names people, in one place. Peer spaces (groups, board, live room) show a member by
// their pseudonym, never their real name, and staff by their display name so members know who
// facilitates; 1:1 work and staff pickers use display names. Nothing here checks permissions: the
// use cases do that first, and every lookup is by ids or a site they already scoped.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { user } from '../db/auth.schema';
import { groupFacilitators, groupMembers } from '../groups/groups.schema';
import { memberships, profiles, type SiteRole } from './people.schema';
import { activeMembershipOn } from './site-roles';

/**
 * A person to pick. `joinedOn` (the UTC day they first held a listed role on the site, YYYY-MM-DD)
 * is set only when someone else in the same list has the same name, so a picker can tell them
 * apart. The day is what reveals least: not their pseudonym (that would tie their peer posts to
 * their name), not their e-mail or phone (contact details), only when they came to the service,
 * which staff who pick them already see on the people page.
 */
export type Person = { userId: string; name: string; joinedOn?: string };

/** A person's display name, else their account name (for a person without a profile yet). */
export const personName = sql<string>`coalesce(${profiles.displayName}, ${user.name})`;

/**
 * People holding any of `roles` on the site (enabled accounts, memberships not suspended), each once, by name; optionally
 * only `userIds`.
 */
export async function sitePeople(
	tx: Db | Tx,
	siteId: string,
	roles: readonly SiteRole[],
	userIds?: readonly string[]
): Promise<Person[]> {
	if (userIds && userIds.length === 0) return [];
	const rows = await tx
		.select({
			userId: user.id,
			name: personName,
			joinedOn: sql<string>`to_char(min(${memberships.createdAt}) at time zone 'UTC', 'YYYY-MM-DD')`
		})
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(
			and(
				activeMembershipOn(siteId),
				inArray(memberships.role, [...roles]),
				isNull(user.disabledAt),
				userIds ? inArray(user.id, [...userIds]) : undefined
			)
		)
		.groupBy(user.id, personName);
	const sameName = (name: string) => name.trim().toLocaleLowerCase();
	const named = new Map<string, number>();
	for (const r of rows) named.set(sameName(r.name), (named.get(sameName(r.name)) ?? 0) + 1);
	return rows
		.map(({ userId, name, joinedOn }): Person =>
			(named.get(sameName(name)) ?? 0) > 1 ? { userId, name, joinedOn } : { userId, name }
		)
		.sort(
			(a, b) =>
				a.name.localeCompare(b.name) ||
				(a.joinedOn ?? '').localeCompare(b.joinedOn ?? '') ||
				a.userId.localeCompare(b.userId)
		);
}

/**
 * Names of people as a site's staff see them in its records (the audit trail): the display name
 * of anyone who holds or held a role on the site, suspended or disabled included, since a record
 * outlives the role. Anyone else (another site's person, a platform admin) is left out: the
 * caller shows them as someone from outside the site.
 */
export async function siteNames(
	tx: Db | Tx,
	siteId: string,
	userIds: readonly string[]
): Promise<Map<string, string>> {
	const ids = [...new Set(userIds)];
	if (ids.length === 0) return new Map();
	const rows = await tx
		.selectDistinct({ userId: user.id, name: personName })
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(and(eq(memberships.siteId, siteId), inArray(user.id, ids)));
	return new Map(rows.map((r) => [r.userId, r.name]));
}

/**
 * Names as peer spaces show them: a member by their pseudonym (never their real name), staff by
 * their display name so members know who facilitates. Falls back to a neutral label key.
 */
export async function peerNames(
	tx: Tx | Db,
	userIds: readonly string[],
	staffIds: ReadonlySet<string> = new Set()
): Promise<Map<string, string | null>> {
	const ids = [...new Set(userIds)];
	if (ids.length === 0) return new Map();
	const rows = await tx
		.select({
			userId: profiles.userId,
			displayName: profiles.displayName,
			pseudonym: profiles.pseudonym
		})
		.from(profiles)
		.where(inArray(profiles.userId, ids));
	const names = new Map<string, string | null>();
	for (const id of ids) names.set(id, null);
	for (const r of rows)
		names.set(r.userId, staffIds.has(r.userId) ? r.displayName : (r.pseudonym ?? null));
	return names;
}

/**
 * Names for the authors of a group's posts, as peerNames gives them: staff are anyone not a
 * member of the group (its facilitators, moderators).
 */
export async function authorNames(
	tx: Tx | Db,
	groupId: string,
	authorIds: readonly string[]
): Promise<{ names: Map<string, string | null>; staff: Set<string> }> {
	const ids = [...new Set(authorIds)];
	if (ids.length === 0) return { names: new Map(), staff: new Set() };
	const [members, facilitators] = await Promise.all([
		tx
			.select({ userId: groupMembers.userId })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.userId, ids))),
		tx
			.select({ userId: groupFacilitators.userId })
			.from(groupFacilitators)
			.where(eq(groupFacilitators.groupId, groupId))
	]);
	const memberIds = new Set(members.map((m) => m.userId));
	const facilitatorIds = new Set(facilitators.map((f) => f.userId));
	const staff = new Set(ids.filter((id) => facilitatorIds.has(id) || !memberIds.has(id)));
	return { names: await peerNames(tx, ids, staff), staff };
}

/** Display names by user id: 1:1 companionship is personal work, so both sides use them. */
export async function displayNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await tx
		.select({ userId: profiles.userId, name: profiles.displayName })
		.from(profiles)
		.where(inArray(profiles.userId, unique));
	return new Map(rows.map((r) => [r.userId, r.name]));
}
