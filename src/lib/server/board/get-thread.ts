import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { preparedOn } from '../db/prepared';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupFor, type GroupAccess, type GroupRole } from '../groups/group-access';
import { boardPosts, boardReactions } from './board.schema';
import { markThreadRead } from './read-marks';
import { boardGroup } from './list-threads';
import { authorNames } from '../people/names';
import { blockedBy } from '../safety/blocked-by';
import { reactionKinds, type ReactionKind } from './board.validation';
import { isUuid } from '../validation';
import { recordViewBehind } from '../audit/record-audit';

export type BoardPost = typeof boardPosts.$inferSelect;

export type PostView = {
	id: string;
	author: string | null;
	authorIsStaff: boolean;
	mine: boolean;
	/** Null when hidden from this viewer (a member who is not the author). */
	body: string | null;
	hidden: boolean;
	/** The viewer blocked the author: the page shows the post collapsed. */
	blocked: boolean;
	pinned: boolean;
	createdAt: Date;
	reactions: { kind: ReactionKind; count: number; mine: boolean }[];
};

export type ThreadView = {
	/** closedAt: the board of a closed group is read-only history (see close-group.ts). */
	group: { id: string; name: string; slowModeSeconds: number; closedAt: Date | null };
	role: GroupRole;
	thread: PostView & { title: string | null; slowModeSeconds: number };
	replies: PostView[];
};

/** A thread (a post without threadId) of the group, or "not found". */
/** The thread and its replies in one statement, prepared: every thread view runs it. */
const threadStatement = preparedOn((db: Db | Tx) =>
	db
		.select()
		.from(boardPosts)
		.where(
			and(
				eq(boardPosts.groupId, sql.placeholder('groupId')),
				or(
					eq(boardPosts.id, sql.placeholder('threadId')),
					eq(boardPosts.threadId, sql.placeholder('threadId'))
				)
			)
		)
		.prepare('kith_board_thread')
);

export async function threadOf(tx: Tx | Db, groupId: string, threadId: string): Promise<BoardPost> {
	if (!isUuid(threadId)) throw notFound();
	const [thread] = await tx
		.select()
		.from(boardPosts)
		.where(and(eq(boardPosts.id, threadId), eq(boardPosts.groupId, groupId)))
		.limit(1);
	if (!thread || thread.threadId !== null) throw notFound();
	return thread;
}

/** Any post (thread or reply) of the group, or "not found". */
export async function postOf(tx: Tx | Db, groupId: string, postId: string): Promise<BoardPost> {
	if (!isUuid(postId)) throw notFound();
	const [post] = await tx
		.select()
		.from(boardPosts)
		.where(and(eq(boardPosts.id, postId), eq(boardPosts.groupId, groupId)))
		.limit(1);
	if (!post) throw notFound();
	return post;
}

/**
 * One thread with its replies and reactions of support, marked read for the viewer. A hidden post
 * shows to members as "hidden by a moderator" (its author still sees their own words); staff see
 * it with its text. The read is audited. A view writes nothing itself, so it needs no transaction.
 */
export async function getThread({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string; threadId: string };
	now?: Date;
}): Promise<ThreadView> {
	const access = await groupFor(db, given, input.groupId);
	const { actor, group, role } = access;
	if (!isUuid(input.threadId)) throw notFound();
	// The thread and its replies in one statement; an id of a reply or of another group is "not found".
	const posts = await threadStatement(db).execute({ groupId: group.id, threadId: input.threadId });
	const thread = posts.find((p) => p.id === input.threadId);
	if (!thread || thread.threadId !== null) throw notFound();
	const views = await viewsOf(db, access, posts);
	const byId = new Map(views.map((v) => [v.id, v]));
	const head = byId.get(thread.id);
	if (!head) throw notFound();
	const replies = posts
		.filter((p) => p.id !== thread.id)
		.sort(
			(a, b) => Number(b.pinned) - Number(a.pinned) || a.createdAt.getTime() - b.createdAt.getTime()
		)
		.flatMap((p) => byId.get(p.id) ?? []);
	// Neither waits: both are written behind the page (decision 0009).
	markThreadRead(db, { threadId: thread.id, userId: actor.userId, readAt: now });
	recordViewBehind(db, actor, {
		action: 'board.thread_read',
		entityType: 'board_post',
		entityId: thread.id,
		details: { groupId: group.id, replies: replies.length }
	});
	const staffView = role !== 'member';
	return {
		group: boardGroup(group),
		role,
		thread: {
			...head,
			title: thread.hiddenAt && !staffView && !head.mine ? null : thread.title,
			slowModeSeconds: thread.slowModeSeconds
		},
		replies
	};
}

async function viewsOf(tx: Tx | Db, access: GroupAccess, posts: BoardPost[]): Promise<PostView[]> {
	const { actor, site, group, role } = access;
	const ids = posts.map((p) => p.id);
	const [{ names, staff }, blocked, reactions] = await Promise.all([
		authorNames(
			tx,
			group.id,
			posts.map((p) => p.authorId)
		),
		blockedBy(tx, site.id, actor.userId),
		ids.length
			? tx
					.select({
						postId: boardReactions.postId,
						userId: boardReactions.userId,
						kind: boardReactions.kind
					})
					.from(boardReactions)
					.where(inArray(boardReactions.postId, ids))
			: []
	]);
	const staffView = role !== 'member';
	return posts.map((p) => {
		const mine = p.authorId === actor.userId;
		const hidden = !!p.hiddenAt;
		const shown = !hidden || staffView || mine;
		const own = reactions.filter((r) => r.postId === p.id);
		return {
			id: p.id,
			author: shown ? (names.get(p.authorId) ?? null) : null,
			authorIsStaff: staff.has(p.authorId),
			mine,
			body: shown ? p.body : null,
			hidden,
			blocked: !mine && blocked.has(p.authorId),
			pinned: p.pinned,
			createdAt: p.createdAt,
			reactions: reactionKinds.map((kind) => ({
				kind,
				count: own.filter((r) => r.kind === kind).length,
				mine: own.some((r) => r.kind === kind && r.userId === actor.userId)
			}))
		};
	});
}
