import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { facilitatedGroup } from '../groups/group-access';
import { boardPosts } from './board.schema';
import { ZPinInput, type TPinInput } from './board.validation';
import { postOf } from './get-thread';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

/** Pins a post (a thread to the top of the board, a reply to the top of its thread) or unpins it. */
export async function pinPost({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TPinInput;
}): Promise<void> {
	const data = parseInput(ZPinInput, input);
	await db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId, { moderators: true });
		const post = await postOf(tx, access.group.id, data.postId);
		await tx.update(boardPosts).set({ pinned: data.pinned }).where(eq(boardPosts.id, post.id));
		await recordActorAudit(tx, access.actor, {
			action: data.pinned ? 'board.pin' : 'board.unpin',
			entityType: 'board_post',
			entityId: post.id,
			details: { groupId: access.group.id }
		});
	});
}
