// Lookups every peer-group use case shares. A group exists for an actor only when it is on their
// site and they are one of: an active member, a facilitator, or a moderator of the site. Anything
// else — another site's group, a group they left or were removed from — is "not found", exactly
// like an id nobody ever had. Group content is audited on read and write.
import { and, eq, sql } from 'drizzle-orm';
import { preparedOn } from '../db/prepared';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { mayUse, requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import type { Site } from '../sites/sites.schema';
import { groupFacilitators, groupMembers, groups, groupSessions } from './groups.schema';

export type Group = typeof groups.$inferSelect;
export type GroupSession = typeof groupSessions.$inferSelect;
export type GroupMembership = typeof groupMembers.$inferSelect;

/** How the actor stands in a group; decides what they may see and do there. */
export type GroupRole = 'facilitator' | 'member' | 'moderator';

export type GroupAccess = {
	actor: Actor;
	site: Site;
	group: Group;
	role: GroupRole;
	/** The actor's own membership row when they are a member (muted until, agreement). */
	membership: GroupMembership | null;
};

/** The actor and their site, when they may use peer groups at all; otherwise "not found". */
export function requireGroupUser(actor: Actor | null): { actor: Actor; site: Site } {
	requireUseCase(actor, 'groups.use');
	return { actor, site: requireSite(actor) };
}

const groupStatement = preparedOn((db: Db | Tx) =>
	db
		.select({ group: groups, facilitator: groupFacilitators.userId, membership: groupMembers })
		.from(groups)
		.leftJoin(
			groupFacilitators,
			and(
				eq(groupFacilitators.groupId, groups.id),
				eq(groupFacilitators.userId, sql.placeholder('userId'))
			)
		)
		.leftJoin(
			groupMembers,
			and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, sql.placeholder('userId')))
		)
		.where(
			and(eq(groups.id, sql.placeholder('groupId')), eq(groups.siteId, sql.placeholder('siteId')))
		)
		.limit(1)
		.prepare('kith_group_for')
);

/**
 * The group and the actor's role in it, or "not found". A member counts only while their status is
 * `member`; facilitators are listed in group_facilitators; moderators see every group of their site.
 */
export async function groupFor(
	tx: Tx | Db,
	given: Actor | null,
	groupId: string
): Promise<GroupAccess> {
	const { actor, site } = requireGroupUser(given);
	if (!isUuid(groupId)) throw notFound();
	// The group and the actor's place in it in one statement: every group page starts here.
	const [found] = await groupStatement(tx).execute({
		groupId,
		siteId: site.id,
		userId: actor.userId
	});
	if (!found) throw notFound();
	const role = roleFrom(actor, {
		facilitator: found.facilitator !== null,
		memberStatus: found.membership?.status ?? null
	});
	if (!role) throw notFound();
	return {
		actor,
		site,
		group: found.group,
		role,
		membership: role === 'member' ? found.membership : null
	};
}

/** The rules of roleIn, given what the database holds about the actor in the group. */
function roleFrom(
	actor: Actor,
	held: { facilitator: boolean; memberStatus: string | null }
): GroupRole | null {
	if (held.facilitator && mayUse(actor, 'groups.facilitate')) return 'facilitator';
	if (held.memberStatus === 'member' && mayUse(actor, 'groups.take_part')) return 'member';
	if (mayUse(actor, 'groups.moderate')) return 'moderator';
	return null;
}

/** The actor's role in a group of their site, or null when they have none. */
export async function roleIn(
	tx: Tx | Db,
	actor: Actor,
	groupId: string
): Promise<GroupRole | null> {
	if (mayUse(actor, 'groups.facilitate')) {
		const [f] = await tx
			.select({ userId: groupFacilitators.userId })
			.from(groupFacilitators)
			.where(
				and(eq(groupFacilitators.groupId, groupId), eq(groupFacilitators.userId, actor.userId))
			)
			.limit(1);
		if (f) return 'facilitator';
	}
	if (mayUse(actor, 'groups.take_part')) {
		const [m] = await tx
			.select({ status: groupMembers.status })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, actor.userId)))
			.limit(1);
		if (m?.status === 'member') return 'member';
	}
	if (mayUse(actor, 'groups.moderate')) return 'moderator';
	return null;
}

/** Like groupFor, but only facilitators (and, where allowed, moderators) get through. */
export async function facilitatedGroup(
	tx: Tx | Db,
	actor: Actor | null,
	groupId: string,
	opts: { moderators?: boolean } = {}
): Promise<GroupAccess> {
	const access = await groupFor(tx, actor, groupId);
	if (access.role === 'facilitator' || (opts.moderators && access.role === 'moderator'))
		return access;
	throw notFound();
}

/** One session of a group the actor may see, or "not found". */
export async function groupSessionFor(
	tx: Tx | Db,
	actor: Actor | null,
	input: { groupId: string; sessionId: string }
): Promise<GroupAccess & { session: GroupSession }> {
	const access = await groupFor(tx, actor, input.groupId);
	if (!isUuid(input.sessionId)) throw notFound();
	const [session] = await tx
		.select()
		.from(groupSessions)
		.where(and(eq(groupSessions.id, input.sessionId), eq(groupSessions.groupId, access.group.id)))
		.limit(1);
	if (!session) throw notFound();
	return { ...access, session };
}
