// The content a moderation item points at: a board post or a live-room message of the group.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import { boardPosts } from '../board/board.schema';
import { chatMessages } from '../live-room/live-room.schema';
import { groupSessions } from '../groups/groups.schema';
import { announceMessageModerated } from '../realtime/room-events';

export type TargetType = 'board_post' | 'chat_message';

export type TargetContent = {
	type: TargetType;
	id: string;
	groupId: string;
	authorId: string;
	body: string;
	title: string | null;
	/** The thread a board post belongs to (itself for a thread); the session of a message. */
	threadId: string | null;
	sessionId: string | null;
	hidden: boolean;
	createdAt: Date;
};

/** A post or message of the group, or "not found". */
export async function targetContent(
	tx: Tx | Db,
	groupId: string,
	type: TargetType,
	id: string
): Promise<TargetContent> {
	if (type === 'board_post') {
		if (!isUuid(id)) throw notFound();
		const [p] = await tx
			.select()
			.from(boardPosts)
			.where(and(eq(boardPosts.id, id), eq(boardPosts.groupId, groupId)))
			.limit(1);
		if (!p) throw notFound();
		return {
			type,
			id: p.id,
			groupId,
			authorId: p.authorId,
			body: p.body,
			title: p.title,
			threadId: p.threadId ?? p.id,
			sessionId: null,
			hidden: !!p.hiddenAt,
			createdAt: p.createdAt
		};
	}
	if (!/^\d{1,15}$/.test(id)) throw notFound();
	const [m] = await tx
		.select({
			id: chatMessages.id,
			authorId: chatMessages.authorId,
			body: chatMessages.body,
			sessionId: chatMessages.sessionId,
			hiddenAt: chatMessages.hiddenAt,
			createdAt: chatMessages.createdAt
		})
		.from(chatMessages)
		.innerJoin(groupSessions, eq(groupSessions.id, chatMessages.sessionId))
		.where(and(eq(chatMessages.id, Number(id)), eq(groupSessions.groupId, groupId)))
		.limit(1);
	if (!m) throw notFound();
	return {
		type,
		id: String(m.id),
		groupId,
		authorId: m.authorId,
		body: m.body,
		title: null,
		threadId: null,
		sessionId: m.sessionId,
		hidden: !!m.hiddenAt,
		createdAt: m.createdAt
	};
}

/** Hides or shows a post or message again; open live rooms follow a message when `tx` commits. */
export async function setTargetHidden(
	tx: Tx,
	target: TargetContent,
	hidden: boolean,
	now: Date
): Promise<void> {
	const hiddenAt = hidden ? now : null;
	if (target.type === 'board_post')
		await tx.update(boardPosts).set({ hiddenAt }).where(eq(boardPosts.id, target.id));
	else {
		await tx
			.update(chatMessages)
			.set({ hiddenAt })
			.where(eq(chatMessages.id, Number(target.id)));
		if (target.sessionId)
			await announceMessageModerated(tx, target.groupId, target.sessionId, Number(target.id));
	}
}
