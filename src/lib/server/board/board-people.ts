// Who is who on a group's board: members appear by pseudonym, staff (facilitators, moderators)
// by their display name, and a viewer's blocks decide whose posts come collapsed.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { groupFacilitators, groupMembers } from '../groups/groups.schema';
import { memberBlocks } from '../safety/safety.schema';
import { peerNames } from '../groups/group-access';

/** Names for the authors of a group's posts: staff are anyone not a member of the group. */
export async function authorNames(
	tx: Tx | Db,
	groupId: string,
	authorIds: readonly string[]
): Promise<{ names: Map<string, string | null>; staff: Set<string> }> {
	const ids = [...new Set(authorIds)];
	if (ids.length === 0) return { names: new Map(), staff: new Set() };
	const members = await tx
		.select({ userId: groupMembers.userId })
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.userId, ids)));
	const memberIds = new Set(members.map((m) => m.userId));
	const facilitators = await tx
		.select({ userId: groupFacilitators.userId })
		.from(groupFacilitators)
		.where(eq(groupFacilitators.groupId, groupId));
	const facilitatorIds = new Set(facilitators.map((f) => f.userId));
	const staff = new Set(ids.filter((id) => facilitatorIds.has(id) || !memberIds.has(id)));
	return { names: await peerNames(tx, ids, staff), staff };
}

/** The people the viewer has blocked on this site. */
export async function blockedBy(tx: Tx | Db, siteId: string, userId: string): Promise<Set<string>> {
	const rows = await tx
		.select({ blockedId: memberBlocks.blockedId })
		.from(memberBlocks)
		.where(and(eq(memberBlocks.siteId, siteId), eq(memberBlocks.blockerId, userId)));
	return new Set(rows.map((r) => r.blockedId));
}
