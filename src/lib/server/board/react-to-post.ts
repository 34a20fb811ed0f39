import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupFor } from '../groups/group-access';
import { assertCanPost } from '../groups/can-post';
import { boardReactions } from './board.schema';
import { ZReactInput, type TReactInput } from './board.validation';
import { postOf } from './get-thread';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

/** Adds the viewer's reaction of support to a post, or takes it back when given already. */
export async function reactToPost({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TReactInput;
}): Promise<{ reacted: boolean }> {
	const data = parseInput(ZReactInput, input);
	return db.transaction(async (tx) => {
		const access = await groupFor(tx, actor, data.groupId);
		const post = await postOf(tx, access.group.id, data.postId);
		if (post.hiddenAt) throw notFound();
		await assertCanPost(tx, access);
		const mine = and(
			eq(boardReactions.postId, post.id),
			eq(boardReactions.userId, access.actor.userId),
			eq(boardReactions.kind, data.kind)
		);
		const removed = await tx.delete(boardReactions).where(mine).returning();
		const reacted = removed.length === 0;
		if (reacted)
			await tx
				.insert(boardReactions)
				.values({ postId: post.id, userId: access.actor.userId, kind: data.kind });
		await recordActorAudit(tx, access.actor, {
			action: reacted ? 'board.react' : 'board.unreact',
			entityType: 'board_post',
			entityId: post.id,
			details: { groupId: access.group.id, kind: data.kind }
		});
		return { reacted };
	});
}
