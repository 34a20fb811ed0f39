import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { AppError } from '../errors';
import { groupMembers } from './groups.schema';
import type { GroupAccess } from './group-access';

/**
 * Throws unless the actor may post in the group (board posts, replies, reactions, live room): the
 * group must not be closed — a closed group is read-only for everyone, facilitators included —
 * and a member must have accepted the group agreement and must not be muted (facilitators and
 * moderators pass those two). Errors come on the `body` field, so a composer shows them beside
 * the text it keeps: groups_err_closed, groups_err_agreement, groups_err_muted.
 */
export async function assertCanPost(
	tx: Tx | Db,
	access: GroupAccess,
	now: Date = new Date()
): Promise<void> {
	if (access.group.closedAt) throw new AppError('invalid_input', { body: 'groups_err_closed' });
	if (access.role === 'facilitator' || access.role === 'moderator') return;
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
