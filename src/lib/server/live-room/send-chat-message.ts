import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import type { RealtimeBus } from '../realtime/bus';
import { AppError } from '../errors';
import { groupSessionFor } from '../groups/group-access';
import { assertCanPost } from '../groups/can-post';
import { chatMessages } from './live-room.schema';
import { isStaffRole, subRoomFor } from './room-access';
import { announce } from '../realtime/room-events';
import { recordXactLock } from '../jobs/locks';
import { assertNoContactDetails, flagRisk } from '../safety/screen-post';
import { parseInput, zText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZSendChatMessageInput = z.object({
	groupId: z.string().max(100),
	sessionId: z.string().max(100),
	roomId: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
	/** Made by the composer for each new message and kept on a retry: a resend never duplicates. */
	clientId: z.guid('err_invalid'),
	body: zText(4000)
});
export type TSendChatMessageInput = z.input<typeof ZSendChatMessageInput>;

export type SentMessage = { id: number; duplicate: boolean; showCrisisHelp: boolean };

/**
 * Saves a message in a live session's room (or a sub-room) while the session is open, and
 * announces it to every instance. Members must be allowed to post (agreement, not muted) and
 * respect slow mode. Sending the same clientId again answers the saved message, never a copy.
 */
export async function sendChatMessage({
	db,
	bus,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	bus: RealtimeBus;
	actor: Actor | null;
	input: TSendChatMessageInput;
	now?: Date;
}): Promise<SentMessage> {
	const data = parseInput(ZSendChatMessageInput, input);
	return db.transaction(async (tx) => {
		const access = await groupSessionFor(tx, actor, data);
		const room = await subRoomFor(tx, access, data.roomId);
		const { session, site, group } = access;
		const me = access.actor.userId;
		const [earlier] = await tx
			.select({ id: chatMessages.id })
			.from(chatMessages)
			.where(and(eq(chatMessages.authorId, me), eq(chatMessages.clientId, data.clientId)))
			.limit(1);
		if (earlier) return { id: earlier.id, duplicate: true, showCrisisHelp: false };
		if (session.status !== 'open' || session.delivery !== 'live')
			throw new AppError('invalid_input', { body: 'room_err_not_open' });
		if (room?.closedAt) throw new AppError('invalid_input', { body: 'room_err_subroom_closed' });
		await assertCanPost(tx, access, now);
		// Contact details are refused before anything is saved; the composer keeps the text.
		assertNoContactDetails(site, data.body);
		// One writer per session at a time, so message ids in a session are in commit order: a
		// reader that has seen id N can never later find a smaller id committed (no lost messages).
		await tx.execute(recordXactLock('chatSession', session.id));
		if (session.slowModeSeconds > 0 && !isStaffRole(access.role)) {
			const [last] = await tx
				.select({ at: chatMessages.createdAt })
				.from(chatMessages)
				.where(and(eq(chatMessages.sessionId, session.id), eq(chatMessages.authorId, me)))
				.orderBy(desc(chatMessages.id))
				.limit(1);
			const wait = last ? last.at.getTime() + session.slowModeSeconds * 1000 - now.getTime() : 0;
			if (wait > 0) throw new AppError('invalid_input', { body: 'room_err_slow_mode' });
		}
		const [saved] = await tx
			.insert(chatMessages)
			.values({
				sessionId: session.id,
				roomId: room?.id ?? null,
				authorId: me,
				clientId: data.clientId,
				body: data.body,
				createdAt: now
			})
			.onConflictDoNothing({ target: [chatMessages.authorId, chatMessages.clientId] })
			.returning({ id: chatMessages.id });
		// A resend racing the first send: the first one won, answer it.
		if (!saved) {
			const [first] = await tx
				.select({ id: chatMessages.id })
				.from(chatMessages)
				.where(and(eq(chatMessages.authorId, me), eq(chatMessages.clientId, data.clientId)));
			if (!first) throw new Error('message neither saved nor found');
			return { id: first.id, duplicate: true, showCrisisHelp: false };
		}
		// A risk phrase flags the message for moderators (urgent) and shows the author crisis help.
		const screened = await flagRisk({
			tx,
			site,
			groupId: group.id,
			authorId: me,
			target: { type: 'chat_message', id: String(saved.id) },
			body: data.body
		});
		await recordActorAudit(tx, access.actor, {
			action: 'group.room_message',
			entityType: 'chat_message',
			entityId: String(saved.id),
			details: { groupId: group.id, sessionId: session.id, roomId: room?.id ?? null }
		});
		await announce(tx, bus, group.id, { k: 'message', s: session.id, id: saved.id });
		return { id: saved.id, duplicate: false, showCrisisHelp: screened.risk };
	});
}
