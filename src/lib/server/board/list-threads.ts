import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { groupFor, type GroupRole } from '../groups/group-access';
import { boardPosts, boardReads } from './board.schema';
import { groupMembers } from '../groups/groups.schema';
import { moderationActions } from '../moderation/moderation.schema';
import { authorNames } from '../people/names';
import { blockedBy } from '../safety/blocked-by';
import { recordActorAudit } from '../audit/record-audit';

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

/**
 * A group's board: its threads, pinned first then most recently active, with reply and unread
 * counts for the viewer. Members see each other by pseudonym and see hidden threads only as
 * hidden. The read is audited.
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
	return db.transaction(async (tx) => {
		const { actor, site, group, role } = await groupFor(tx, given, input.groupId);
		const posts = await tx
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
			.where(eq(boardPosts.groupId, group.id));
		const reads = await tx
			.select({ threadId: boardReads.threadId, readAt: boardReads.readAt })
			.from(boardReads)
			.innerJoin(boardPosts, eq(boardPosts.id, boardReads.threadId))
			.where(and(eq(boardReads.userId, actor.userId), eq(boardPosts.groupId, group.id)));
		const readAt = new Map(reads.map((r) => [r.threadId, r.readAt]));
		const threads = posts.filter((p) => p.threadId === null);
		const { names, staff } = await authorNames(
			tx,
			group.id,
			threads.map((t) => t.authorId)
		);
		const blocked = await blockedBy(tx, site.id, actor.userId);
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
				Number(b.pinned) - Number(a.pinned) ||
				b.lastActivityAt.getTime() - a.lastActivityAt.getTime()
		);
		const standing: BoardView['standing'] = {
			warnings: [],
			mutedUntil: null,
			agreementAccepted: true
		};
		if (role === 'member') {
			const [me] = await tx
				.select({
					mutedUntil: groupMembers.mutedUntil,
					agreementAcceptedAt: groupMembers.agreementAcceptedAt
				})
				.from(groupMembers)
				.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, actor.userId)));
			standing.mutedUntil = me?.mutedUntil && me.mutedUntil > now ? me.mutedUntil : null;
			standing.agreementAccepted = !!me?.agreementAcceptedAt;
			const warnings = await tx
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
				.limit(3);
			standing.warnings = warnings;
		}
		await recordActorAudit(tx, actor, {
			action: 'board.read',
			entityType: 'group',
			entityId: group.id,
			details: { threads: summaries.length }
		});
		return {
			group: {
				id: group.id,
				name: group.name,
				slowModeSeconds: group.boardSlowModeSeconds,
				closedAt: group.closedAt
			},
			role,
			threads: summaries,
			standing
		};
	});
}
