import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { parseInput } from '../goals/goals.validation';
import { auditGroup, groupFor } from '../groups/group-access';
import { memberBlocks } from '../groups/groups.schema';
import { announceBlocksChange } from '../groups/room-notify';
import { authorNames } from './board-people';
import { ZBlockInput, type TBlockInput } from './board.validation';
import { postOf } from './get-thread';

/**
 * A member blocks (or unblocks) the author of a post: that person's posts and messages come
 * collapsed for them in every peer space of the site, and leave their live rooms. Given by post, so
 * members never handle each other's account ids. Facilitators and moderators cannot be blocked: members need to hear them.
 */
export async function blockMember({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TBlockInput;
}): Promise<void> {
	const data = parseInput(ZBlockInput, input);
	await db.transaction(async (tx) => {
		const access = await groupFor(tx, actor, data.groupId);
		const { site, group } = access;
		const me = access.actor.userId;
		const post = await postOf(tx, group.id, data.postId);
		const { staff } = await authorNames(tx, group.id, [post.authorId]);
		if (access.role !== 'member' || post.authorId === me || staff.has(post.authorId))
			throw new AppError('invalid_input', { _: 'board_err_block' });
		const row = { siteId: site.id, blockerId: me, blockedId: post.authorId };
		if (data.blocked) await tx.insert(memberBlocks).values(row).onConflictDoNothing();
		else
			await tx
				.delete(memberBlocks)
				.where(
					and(
						eq(memberBlocks.siteId, site.id),
						eq(memberBlocks.blockerId, me),
						eq(memberBlocks.blockedId, post.authorId)
					)
				);
		await auditGroup(tx, access.actor, site.id, {
			action: data.blocked ? 'board.block' : 'board.unblock',
			entityType: 'board_post',
			entityId: post.id,
			details: { groupId: group.id }
		});
		// The member's open live rooms of this group leave that person's messages out at once.
		await announceBlocksChange(tx, group.id);
	});
}
