import { z } from 'zod';
import { announceMembershipChange } from '../realtime/room-events';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { groupMembers } from '../groups/groups.schema';
import { moderationActions, moderationItems } from './moderation.schema';
import { itemOf, requireModerator, type ModerationItem } from './moderation-access';
import { setTargetHidden, targetContent } from './target-content';
import { parseInput, zId, zText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const moderationVerbs = [
	'hide',
	'restore',
	'warn',
	'mute',
	'unmute',
	'remove',
	'readmit',
	'note',
	'resolve'
] as const;
export type ModerationVerb = (typeof moderationVerbs)[number];

/** Mute lengths offered, in hours: an hour up to four weeks. */
export const muteHours = [1, 24, 72, 168, 672] as const;

export const ZModerateInput = z.object({
	itemId: zId,
	action: z.enum(moderationVerbs, 'err_invalid'),
	/** Why — required for every action; for a warning, the words the member will read. */
	reason: zText(1000),
	hours: z.preprocess(
		(v) => (v === '' || v === undefined ? undefined : v),
		z.coerce
			.number('err_invalid')
			.int('err_invalid')
			.min(1, 'err_invalid')
			.max(672, 'err_invalid')
			.optional()
	)
});
export type TModerateInput = z.input<typeof ZModerateInput>;

/**
 * One moderator action on an item: hide or restore the content, warn the author (they see it on
 * the board), mute them for some hours or unmute, remove them from the group (they lose access at
 * once) or readmit them, add a note, or resolve the item. Every action needs a reason and is
 * recorded with who and when, and audited; all but notes can be reversed by their opposite.
 */
export async function moderate({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TModerateInput;
	now?: Date;
}): Promise<void> {
	const { actor, site } = requireModerator(given);
	const data = parseInput(ZModerateInput, input);
	await db.transaction(async (tx) => {
		const item = await itemOf(tx, site.id, data.itemId);
		let until: Date | null = null;
		switch (data.action) {
			case 'hide':
			case 'restore': {
				const target = await targetContent(tx, item.groupId, item.targetType, item.targetId);
				await setTargetHidden(tx, target, data.action === 'hide', now);
				break;
			}
			case 'mute': {
				if (!data.hours) throw new AppError('invalid_input', { hours: 'err_required' });
				until = new Date(now.getTime() + data.hours * 3600_000);
				await setMember(tx, item, { mutedUntil: until, updatedAt: now });
				break;
			}
			case 'unmute':
				await setMember(tx, item, { mutedUntil: null, updatedAt: now });
				break;
			case 'remove':
				await setMember(tx, item, { status: 'removed', updatedAt: now }, 'member');
				break;
			case 'readmit':
				await setMember(tx, item, { status: 'member', updatedAt: now }, 'removed');
				break;
			case 'resolve':
				await tx
					.update(moderationItems)
					.set({ status: 'resolved', resolvedAt: now })
					.where(eq(moderationItems.id, item.id));
				break;
			case 'warn':
			case 'note':
				break;
		}
		const onPerson = ['warn', 'mute', 'unmute', 'remove', 'readmit'].includes(data.action);
		await tx.insert(moderationActions).values({
			siteId: site.id,
			itemId: item.id,
			groupId: item.groupId,
			action: data.action,
			targetType: item.targetType,
			targetId: item.targetId,
			targetUserId: onPerson ? item.authorId : null,
			reason: data.reason,
			until,
			actorId: actor.userId,
			createdAt: now
		});
		await recordActorAudit(tx, actor, {
			action: `moderation.${data.action}`,
			entityType: 'moderation_item',
			entityId: item.id,
			details: { groupId: item.groupId, targetType: item.targetType, targetId: item.targetId }
		});
	});
}

/** Changes the author's membership of the item's group; "not found" when they have none. */
async function setMember(
	tx: Tx,
	item: ModerationItem,
	set: Partial<typeof groupMembers.$inferInsert>,
	fromStatus?: 'member' | 'removed'
): Promise<void> {
	const rows = await tx
		.update(groupMembers)
		.set(set)
		.where(
			and(
				eq(groupMembers.groupId, item.groupId),
				eq(groupMembers.userId, item.authorId),
				fromStatus ? eq(groupMembers.status, fromStatus) : undefined
			)
		)
		.returning({ userId: groupMembers.userId });
	// Removed, readmitted or muted: open live-room streams re-check access when this commits.
	await announceMembershipChange(tx, item.groupId);
	if (rows.length === 0)
		throw new AppError('invalid_input', { action: 'moderation_err_not_member' });
}
