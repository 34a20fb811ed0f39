// Signature (the live room reports chat messages through this too):
//   reportContent({ db, actor, input: { groupId, targetType: 'board_post' | 'chat_message',
//                   targetId, reason } }): Promise<{ itemId: string }>
// Anyone who can see the group's content may report; the item goes to the site's moderation
// queue as routine. Errors: "not found" for content outside the actor's groups; reason 1–500
// characters on the `reason` field.
import { z } from 'zod';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { groupFor } from '../groups/group-access';
import { moderationItems } from './moderation.schema';
import { targetContent } from './target-content';
import { parseInput, zId, zText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZReportInput = z.object({
	groupId: zId,
	targetType: z.enum(['board_post', 'chat_message'], 'err_invalid'),
	targetId: zId,
	reason: zText(500)
});
export type TReportInput = z.input<typeof ZReportInput>;

/** Reports a board post or live-room message to the site's moderators, with a reason. */
export async function reportContent({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TReportInput;
}): Promise<{ itemId: string }> {
	const data = parseInput(ZReportInput, input);
	return db.transaction(async (tx) => {
		const access = await groupFor(tx, actor, data.groupId);
		const target = await targetContent(tx, access.group.id, data.targetType, data.targetId);
		const [item] = await tx
			.insert(moderationItems)
			.values({
				siteId: access.site.id,
				groupId: access.group.id,
				targetType: target.type,
				targetId: target.id,
				authorId: target.authorId,
				kind: 'report',
				urgency: 'routine',
				reason: data.reason,
				reportedBy: access.actor.userId
			})
			.returning({ id: moderationItems.id });
		if (!item) throw new Error('moderation item not inserted');
		await recordActorAudit(tx, access.actor, {
			action: 'moderation.report',
			entityType: 'moderation_item',
			entityId: item.id,
			details: { groupId: access.group.id, targetType: target.type, targetId: target.id }
		});
		return { itemId: item.id };
	});
}
