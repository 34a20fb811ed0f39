import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { AppError } from '../errors';
import { groupMembers } from './groups.schema';
import type { GroupAccess } from './group-access';

/**
 * Throws unless the actor may post in the group (board, live room): a member must have accepted
 * the group agreement, must not be muted, and the group must not be closed. Facilitators and
 * moderators always pass. Errors come on the `body` field, so a composer shows them beside the
 * text it keeps: groups_err_agreement, groups_err_muted, groups_err_closed.
 */
export async function assertCanPost(
	tx: Tx | Db,
	access: GroupAccess,
	now: Date = new Date()
): Promise<void> {
	if (access.role === 'facilitator' || access.role === 'moderator') return;
	if (access.group.closedAt) throw new AppError('invalid_input', { body: 'groups_err_closed' });
	const [row] = await tx
		.select({
			status: groupMembers.status,
			agreementAcceptedAt: groupMembers.agreementAcceptedAt,
			mutedUntil: groupMembers.mutedUntil
		})
		.from(groupMembers)
		.where(
			and(eq(groupMembers.groupId, access.group.id), eq(groupMembers.userId, access.actor.userId))
		)
		.limit(1);
	// groupFor already refused anyone who is not a member; a row gone since then is no member.
	if (row?.status !== 'member' || !row.agreementAcceptedAt)
		throw new AppError('invalid_input', { body: 'groups_err_agreement' });
	if (row.mutedUntil && row.mutedUntil > now)
		throw new AppError('invalid_input', { body: 'groups_err_muted' });
}
