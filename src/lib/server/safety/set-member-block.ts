import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { AppError } from '../errors';
import { authorNames } from '../people/names';
import type { GroupAccess } from '../groups/group-access';
import { memberBlocks } from './safety.schema';
import { announceBlocksChange } from '../realtime/room-events';

/**
 * Records that a member blocks (or no longer blocks) the author of something they saw in the
 * group (a board post or a room message), and tells their open live rooms. Only members block,
 * never themselves and never staff: members need to hear their facilitators and moderators.
 * The caller has found the item through the member's own access, and audits what they did.
 */
export async function setMemberBlock(
	tx: Tx,
	access: GroupAccess,
	authorId: string,
	blocked: boolean
): Promise<void> {
	const { site, group } = access;
	const me = access.actor.userId;
	const { staff } = await authorNames(tx, group.id, [authorId]);
	if (access.role !== 'member' || authorId === me || staff.has(authorId))
		throw new AppError('invalid_input', { _: 'board_err_block' });
	if (blocked)
		await tx
			.insert(memberBlocks)
			.values({ siteId: site.id, blockerId: me, blockedId: authorId })
			.onConflictDoNothing();
	else
		await tx
			.delete(memberBlocks)
			.where(
				and(
					eq(memberBlocks.siteId, site.id),
					eq(memberBlocks.blockerId, me),
					eq(memberBlocks.blockedId, authorId)
				)
			);
	// The member's open live rooms of this group leave that person's messages out (or back) at once.
	await announceBlocksChange(tx, group.id);
}
