import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupSessionFor } from '../groups/group-access';
import { chatMessages } from './live-room.schema';
import { subRoomFor } from './room-access';
import { setMemberBlock } from '../safety/set-member-block';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZBlockFromRoomInput = z.object({
	groupId: zId,
	sessionId: zId,
	messageId: z.string('err_invalid').regex(/^\d{1,15}$/, 'err_invalid'),
	blocked: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean())
});
export type TBlockFromRoomInput = z.input<typeof ZBlockFromRoomInput>;

/**
 * A member blocks (or unblocks) the author of a message in a live room they can see, like on the
 * board: that person's messages leave their room at once (open views too) and their posts come
 * folded on the board. Given by message, so members never handle each other's account ids; staff
 * cannot be blocked. Audited, and announced so the member's open rooms follow.
 */
export async function blockFromRoom({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TBlockFromRoomInput;
}): Promise<void> {
	const data = parseInput(ZBlockFromRoomInput, input);
	await db.transaction(async (tx) => {
		const access = await groupSessionFor(tx, actor, data);
		const { group, session } = access;
		const [message] = await tx
			.select({ id: chatMessages.id, authorId: chatMessages.authorId, roomId: chatMessages.roomId })
			.from(chatMessages)
			.where(
				and(
					eq(chatMessages.id, Number(data.messageId)),
					eq(chatMessages.sessionId, session.id),
					isNull(chatMessages.hiddenAt)
				)
			)
			.limit(1);
		if (!message) throw notFound();
		// A message of a sub-room the member was never in is "not found", like in the room itself.
		await subRoomFor(tx, access, message.roomId);
		await setMemberBlock(tx, access, message.authorId, data.blocked);
		await recordActorAudit(tx, access.actor, {
			action: data.blocked ? 'group.room_block' : 'group.room_unblock',
			entityType: 'chat_message',
			entityId: String(message.id),
			details: { groupId: group.id, sessionId: session.id }
		});
	});
}
