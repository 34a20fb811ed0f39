// Whether someone may write in a group's peer spaces (live room and board). Facilitators and
// moderators always may; a member only after accepting the group agreement, while not muted,
// and while the group is open.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { AppError } from '../errors';
import { groupMembers } from './groups.schema';
import type { GroupAccess, GroupMembership } from './group-access';

export type PostingAccess = Pick<GroupAccess, 'role' | 'group'> & {
	membership: Pick<GroupMembership, 'agreementAcceptedAt' | 'mutedUntil'> | null;
};

/** The actor's membership row in the group, for assertCanPost; null for staff. */
export async function postingAccess(tx: Tx | Db, access: GroupAccess): Promise<PostingAccess> {
	if (access.role !== 'member') return { ...access, membership: null };
	const [membership] = await tx
		.select({
			agreementAcceptedAt: groupMembers.agreementAcceptedAt,
			mutedUntil: groupMembers.mutedUntil
		})
		.from(groupMembers)
		.where(
			and(eq(groupMembers.groupId, access.group.id), eq(groupMembers.userId, access.actor.userId))
		)
		.limit(1);
	return { ...access, membership: membership ?? null };
}

/** Throws a localized field error on `body` when the actor may not post in the group now. */
export function assertCanPost(access: PostingAccess, now: Date = new Date()): void {
	if (access.role === 'facilitator' || access.role === 'moderator') return;
	if (!access.membership?.agreementAcceptedAt)
		throw new AppError('invalid_input', { body: 'groups_err_agreement' });
	if (access.membership.mutedUntil && access.membership.mutedUntil > now)
		throw new AppError('invalid_input', { body: 'groups_err_muted' });
	if (access.group.closedAt) throw new AppError('invalid_input', { body: 'groups_err_closed' });
}
