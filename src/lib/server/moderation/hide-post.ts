import { z } from 'zod';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { facilitatedGroup } from '../groups/group-access';
import { moderationActions } from './moderation.schema';
import { setTargetHidden, targetContent } from './target-content';
import { parseInput, zId, zText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZHidePostInput = z.object({
	groupId: zId,
	postId: zId,
	hidden: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean()),
	reason: zText(1000)
});
export type THidePostInput = z.input<typeof ZHidePostInput>;

/**
 * A facilitator of the group (or a moderator) hides a board post, or restores it, with a reason;
 * recorded as a moderation action like a moderator's and audited.
 */
export async function hidePost({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: THidePostInput;
	now?: Date;
}): Promise<void> {
	const data = parseInput(ZHidePostInput, input);
	await db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId, { moderators: true });
		const target = await targetContent(tx, access.group.id, 'board_post', data.postId);
		await setTargetHidden(tx, target, data.hidden, now);
		await tx.insert(moderationActions).values({
			siteId: access.site.id,
			groupId: access.group.id,
			action: data.hidden ? 'hide' : 'restore',
			targetType: target.type,
			targetId: target.id,
			reason: data.reason,
			actorId: access.actor.userId,
			createdAt: now
		});
		await recordActorAudit(tx, access.actor, {
			action: data.hidden ? 'board.hide' : 'board.restore',
			entityType: 'board_post',
			entityId: target.id,
			details: { groupId: access.group.id }
		});
	});
}
