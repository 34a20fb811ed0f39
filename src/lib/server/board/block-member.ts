import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { groupFor } from '../groups/group-access';
import { setMemberBlock } from '../safety/set-member-block';
import { ZBlockInput, type TBlockInput } from './board.validation';
import { postOf } from './get-thread';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

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
		const { group } = access;
		const post = await postOf(tx, group.id, data.postId);
		await setMemberBlock(tx, access, post.authorId, data.blocked);
		await recordActorAudit(tx, access.actor, {
			action: data.blocked ? 'board.block' : 'board.unblock',
			entityType: 'board_post',
			entityId: post.id,
			details: { groupId: group.id }
		});
	});
}
