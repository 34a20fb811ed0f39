import { and, desc, eq, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { groupFor, type GroupAccess } from '../groups/group-access';
import { assertCanPost } from '../groups/can-post';
import { boardPosts } from './board.schema';
import { assertNoContactDetails, flagRisk } from '../safety/screen-post';
import {
	ZNewThreadInput,
	ZReplyInput,
	type TNewThreadInput,
	type TReplyInput
} from './board.validation';
import { threadOf, type BoardPost } from './get-thread';
import { parseInput } from '../validation';
import type { AuditAction } from '../audit/actions';
import { recordActorAudit } from '../audit/record-audit';

/** What the author sees after posting: `risk` means show the site's crisis help at once. */
export type PostResult = { postId: string; threadId: string; risk: boolean };

/**
 * Starts a thread on the group's board. Members must be allowed to post (agreement accepted, not
 * muted, group open) and wait out slow mode; contact details are refused unless the site allows
 * them, before anything is saved; a risk phrase flags the post to the moderators as urgent.
 */
export async function postThread({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TNewThreadInput;
	now?: Date;
}): Promise<PostResult> {
	const data = parseInput(ZNewThreadInput, input);
	return db.transaction(async (tx) => {
		const access = await groupFor(tx, actor, data.groupId);
		await assertCanPost(tx, access, now);
		await assertSlowMode(tx, access, null, now);
		assertNoContactDetails(access.site, data.title, 'title');
		assertNoContactDetails(access.site, data.body);
		const [post] = await tx
			.insert(boardPosts)
			.values({
				groupId: access.group.id,
				authorId: access.actor.userId,
				title: data.title,
				body: data.body,
				createdAt: now,
				lastActivityAt: now
			})
			.returning({ id: boardPosts.id });
		if (!post) throw new Error('post not inserted');
		return finish(
			tx,
			access,
			post.id,
			post.id,
			`${data.title}\n${data.body}`,
			'board.thread_create'
		);
	});
}

/** Replies to a thread, under the same rules as starting one (and the thread's own slow mode). */
export async function postReply({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TReplyInput;
	now?: Date;
}): Promise<PostResult> {
	const data = parseInput(ZReplyInput, input);
	return db.transaction(async (tx) => {
		const access = await groupFor(tx, actor, data.groupId);
		const thread = await threadOf(tx, access.group.id, data.threadId);
		await assertCanPost(tx, access, now);
		await assertSlowMode(tx, access, thread, now);
		assertNoContactDetails(access.site, data.body);
		const [post] = await tx
			.insert(boardPosts)
			.values({
				groupId: access.group.id,
				threadId: thread.id,
				authorId: access.actor.userId,
				body: data.body,
				createdAt: now,
				lastActivityAt: now
			})
			.returning({ id: boardPosts.id });
		if (!post) throw new Error('post not inserted');
		await tx.update(boardPosts).set({ lastActivityAt: now }).where(eq(boardPosts.id, thread.id));
		return finish(tx, access, post.id, thread.id, data.body, 'board.reply_create');
	});
}

async function finish(
	tx: Tx,
	access: GroupAccess,
	postId: string,
	threadId: string,
	text: string,
	action: AuditAction
): Promise<PostResult> {
	const { actor, site, group } = access;
	const { risk } = await flagRisk({
		tx,
		site,
		groupId: group.id,
		authorId: actor.userId,
		target: { type: 'board_post', id: postId },
		body: text
	});
	await recordActorAudit(tx, actor, {
		action,
		entityType: 'board_post',
		entityId: postId,
		details: { groupId: group.id, threadId, risk }
	});
	return { postId, threadId, risk };
}

/**
 * Slow mode holds a member to one post per N seconds: on the whole board (the group's setting) and
 * within a thread (the thread's). Facilitators and moderators are never held. The error carries the
 * seconds left, for the message.
 */
async function assertSlowMode(
	tx: Tx,
	access: GroupAccess,
	thread: BoardPost | null,
	now: Date
): Promise<void> {
	if (access.role !== 'member') return;
	const userId = access.actor.userId;
	let wait = 0;
	const groupSeconds = access.group.boardSlowModeSeconds;
	if (groupSeconds > 0) {
		const [last] = await tx
			.select({ at: boardPosts.createdAt })
			.from(boardPosts)
			.where(and(eq(boardPosts.groupId, access.group.id), eq(boardPosts.authorId, userId)))
			.orderBy(desc(boardPosts.createdAt))
			.limit(1);
		if (last) wait = Math.max(wait, last.at.getTime() + groupSeconds * 1000 - now.getTime());
	}
	if (thread && thread.slowModeSeconds > 0) {
		const [last] = await tx
			.select({ at: boardPosts.createdAt })
			.from(boardPosts)
			.where(
				and(
					or(eq(boardPosts.id, thread.id), eq(boardPosts.threadId, thread.id)),
					eq(boardPosts.authorId, userId)
				)
			)
			.orderBy(desc(boardPosts.createdAt))
			.limit(1);
		if (last)
			wait = Math.max(wait, last.at.getTime() + thread.slowModeSeconds * 1000 - now.getTime());
	}
	if (wait > 0)
		throw new AppError(
			'rate_limited',
			{ body: 'board_err_slow_mode' },
			{ seconds: Math.ceil(wait / 1000) }
		);
}
