import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { facilitatedGroup } from '../groups/group-access';
import { boardPosts } from './board.schema';
import { groups } from '../groups/groups.schema';
import { moderationActions } from '../moderation/moderation.schema';
import { ZSlowModeInput, type TSlowModeInput } from './board.validation';
import { threadOf } from './get-thread';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

/**
 * Sets slow mode on the whole board (no threadId) or on one thread: the seconds a member waits
 * between posts, 0 to switch it off. Facilitators of the group and moderators may; each change is
 * a moderation action recording who set it, and why when they say.
 */
export async function setSlowMode({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TSlowModeInput;
}): Promise<void> {
	const data = parseInput(ZSlowModeInput, input);
	await db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId, { moderators: true });
		const { group, site } = access;
		let target: { type: 'group' | 'board_post'; id: string } = { type: 'group', id: group.id };
		if (data.threadId) {
			const thread = await threadOf(tx, group.id, data.threadId);
			await tx
				.update(boardPosts)
				.set({ slowModeSeconds: data.seconds })
				.where(eq(boardPosts.id, thread.id));
			target = { type: 'board_post', id: thread.id };
		} else
			await tx
				.update(groups)
				.set({ boardSlowModeSeconds: data.seconds })
				.where(eq(groups.id, group.id));
		await tx.insert(moderationActions).values({
			siteId: site.id,
			groupId: group.id,
			action: 'slow_mode',
			targetType: target.type,
			targetId: target.id,
			reason: data.reason || `${data.seconds}s`,
			actorId: access.actor.userId
		});
		await recordActorAudit(tx, access.actor, {
			action: 'board.slow_mode',
			entityType: target.type === 'group' ? 'group' : 'board_post',
			entityId: target.id,
			details: { groupId: group.id, seconds: data.seconds }
		});
	});
}
