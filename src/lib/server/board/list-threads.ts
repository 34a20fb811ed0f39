import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { preparedOn } from '../db/prepared';
import type { Actor } from '../access/actor';
import { groupFor, type Group, type GroupRole } from '../groups/group-access';
import { boardPosts, boardReads } from './board.schema';
import { moderationActions } from '../moderation/moderation.schema';
import { authorNames } from '../people/names';
import { blockedBy } from '../safety/blocked-by';
import { recordViewBehind } from '../audit/record-audit';
import { pendingReadsOf } from './read-marks';

export type ThreadSummary = {
	id: string;
	/** Null when hidden and the viewer is a member. */
	title: string | null;
	author: string | null;
	authorIsStaff: boolean;
	blocked: boolean;
	hidden: boolean;
	pinned: boolean;
	replies: number;
	unread: number;
	lastActivityAt: Date;
};

export type BoardView = {
	/** closedAt: the board of a closed group is read-only history (see close-group.ts). */
	group: { id: string; name: string; slowModeSeconds: number; closedAt: Date | null };
	role: GroupRole;
	threads: ThreadSummary[];
	/** What the viewer, as a member, should know: warnings to them, mute, agreement. */
	standing: {
		warnings: { reason: string; at: Date }[];
		mutedUntil: Date | null;
		agreementAccepted: boolean;
	};
};

// A board view's two main reads, prepared once (Drizzle does not rebuild their SQL each view).
const postsStatement = preparedOn((db: Db | Tx) =>
	db
		.select({
			id: boardPosts.id,
			threadId: boardPosts.threadId,
			authorId: boardPosts.authorId,
			title: boardPosts.title,
			pinned: boardPosts.pinned,
			hiddenAt: boardPosts.hiddenAt,
			createdAt: boardPosts.createdAt,
			lastActivityAt: boardPosts.lastActivityAt
		})
		.from(boardPosts)
		.where(eq(boardPosts.groupId, sql.placeholder('groupId')))
		.prepare('kith_board_posts')
);
const readsStatement = preparedOn((db: Db | Tx) =>
	db
		.select({ threadId: boardReads.threadId, readAt: boardReads.readAt })
		.from(boardReads)
		.innerJoin(boardPosts, eq(boardPosts.id, boardReads.threadId))
		.where(
			and(
				eq(boardReads.userId, sql.placeholder('userId')),
				eq(boardPosts.groupId, sql.placeholder('groupId'))
			)
		)
		.prepare('kith_board_reads')
);

/**
 * A group's board: its threads, pinned first then most recently active, with reply and unread
 * counts for the viewer. Members see each other by pseudonym and see hidden threads only as
 * hidden. The read is audited. A view writes nothing itself, so it needs no transaction.
 */
export async function listThreads({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string };
	now?: Date;
}): Promise<BoardView> {
	const { actor, site, group, role, membership } = await groupFor(db, given, input.groupId);
	const readSince = Date.now();
	const [posts, reads, blocked, warnings] = await Promise.all([
		postsStatement(db).execute({ groupId: group.id }),
		readsStatement(db).execute({ groupId: group.id, userId: actor.userId }),
		blockedBy(db, site.id, actor.userId),
		role === 'member'
			? db
					.select({ reason: moderationActions.reason, at: moderationActions.createdAt })
					.from(moderationActions)
					.where(
						and(
							eq(moderationActions.groupId, group.id),
							eq(moderationActions.targetUserId, actor.userId),
							eq(moderationActions.action, 'warn')
						)
					)
					.orderBy(desc(moderationActions.createdAt))
					.limit(3)
			: []
	]);
	const readAt = new Map(reads.map((r) => [r.threadId, r.readAt]));
	// Threads this person just read here, whose marks are still being written.
	for (const [threadId, at] of pendingReadsOf(db, actor.userId, readSince)) {
		const stored = readAt.get(threadId);
		if (!stored || at > stored) readAt.set(threadId, at);
	}
	const threads = posts.filter((p) => p.threadId === null);
	const { names, staff } = await authorNames(
		db,
		group.id,
		threads.map((t) => t.authorId)
	);
	const staffView = role !== 'member';
	const summaries: ThreadSummary[] = threads.map((t) => {
		const inThread = posts.filter((p) => p.id === t.id || p.threadId === t.id);
		const visible = staffView ? inThread : inThread.filter((p) => !p.hiddenAt);
		const seen = readAt.get(t.id);
		const hidden = !!t.hiddenAt;
		return {
			id: t.id,
			title: hidden && !staffView ? null : t.title,
			author: hidden && !staffView ? null : (names.get(t.authorId) ?? null),
			authorIsStaff: staff.has(t.authorId),
			blocked: blocked.has(t.authorId),
			hidden,
			pinned: t.pinned,
			replies: inThread.length - 1,
			unread: visible.filter((p) => p.authorId !== actor.userId && (!seen || p.createdAt > seen))
				.length,
			lastActivityAt: t.lastActivityAt
		};
	});
	summaries.sort(
		(a, b) =>
			Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.getTime() - a.lastActivityAt.getTime()
	);
	const muted = membership?.mutedUntil;
	const standing: BoardView['standing'] = {
		warnings,
		mutedUntil: muted && muted > now ? muted : null,
		agreementAccepted: role !== 'member' || !!membership?.agreementAcceptedAt
	};
	// Written behind the page (decision 0009).
	recordViewBehind(db, actor, {
		action: 'board.read',
		entityType: 'group',
		entityId: group.id,
		details: { threads: summaries.length }
	});
	return {
		group: boardGroup(group),
		role,
		threads: summaries,
		standing
	};
}

/** What a board page shows of its group. */
export function boardGroup(group: Group): BoardView['group'] {
	return {
		id: group.id,
		name: group.name,
		slowModeSeconds: group.boardSlowModeSeconds,
		closedAt: group.closedAt
	};
}
