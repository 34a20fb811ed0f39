import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { boardPosts } from '../board/board.schema';
import { chatMessages } from '../live-room/live-room.schema';
import { groups } from '../groups/groups.schema';
import { moderationItems } from './moderation.schema';
import { recordActorAudit } from '../audit/record-audit';
import { identities, requireModerator, type Identity } from './moderation-access';

export type QueueEntry = {
	id: string;
	kind: 'report' | 'risk';
	urgency: 'routine' | 'urgent';
	reason: string;
	createdAt: Date;
	group: { id: string; name: string };
	targetType: 'board_post' | 'chat_message';
	excerpt: string;
	hidden: boolean;
	author: Identity | null;
	/** Open items about the same content (other reports, a risk flag). */
	sameContent: number;
};

/** How many open items the queue shows at once: the most urgent, then the oldest. */
export const QUEUE_PAGE = 50;

export type Queue = {
	entries: QueueEntry[];
	/** Open items not shown yet: they come up as the ones shown are resolved. */
	more: number;
};

const excerptOf = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

/**
 * The site's open moderation items, at most `limit` of them: urgent (risk flags) first, then
 * oldest first, and how many more are waiting. Each shows the
 * content, its author (real name and pseudonym), the group and the reason. The read is audited.
 */
export async function listQueue({
	db,
	actor: given,
	limit = QUEUE_PAGE
}: {
	db: Db;
	actor: Actor | null;
	limit?: number;
}): Promise<Queue> {
	const { actor, site } = requireModerator(given);
	return db.transaction(async (tx) => {
		const open = and(eq(moderationItems.siteId, site.id), eq(moderationItems.status, 'open'));
		const [items, [total]] = await Promise.all([
			tx
				.select({ item: moderationItems, groupName: groups.name })
				.from(moderationItems)
				.innerJoin(groups, eq(groups.id, moderationItems.groupId))
				.where(open)
				.orderBy(desc(sql`${moderationItems.urgency} = 'urgent'`), asc(moderationItems.createdAt))
				.limit(limit),
			tx.select({ n: count() }).from(moderationItems).where(open)
		]);
		// Other open items about the same content, also those not shown.
		const targets = [...new Set(items.map((i) => i.item.targetId))];
		const others = targets.length
			? await tx
					.select({
						targetType: moderationItems.targetType,
						targetId: moderationItems.targetId,
						n: count()
					})
					.from(moderationItems)
					.where(and(open, inArray(moderationItems.targetId, targets)))
					.groupBy(moderationItems.targetType, moderationItems.targetId)
			: [];
		const postIds = items
			.filter((i) => i.item.targetType === 'board_post')
			.map((i) => i.item.targetId);
		const messageIds = items
			.filter((i) => i.item.targetType === 'chat_message')
			.map((i) => Number(i.item.targetId));
		const posts = postIds.length
			? await tx
					.select({ id: boardPosts.id, body: boardPosts.body, hiddenAt: boardPosts.hiddenAt })
					.from(boardPosts)
					.where(inArray(boardPosts.id, postIds))
			: [];
		const messages = messageIds.length
			? await tx
					.select({ id: chatMessages.id, body: chatMessages.body, hiddenAt: chatMessages.hiddenAt })
					.from(chatMessages)
					.where(inArray(chatMessages.id, messageIds))
			: [];
		const content = new Map<string, { body: string; hidden: boolean }>();
		for (const p of posts)
			content.set(`board_post:${p.id}`, { body: p.body, hidden: !!p.hiddenAt });
		for (const m of messages)
			content.set(`chat_message:${m.id}`, { body: m.body, hidden: !!m.hiddenAt });
		const people = await identities(
			tx,
			items.map((i) => i.item.authorId)
		);
		const key = (i: { targetType: string; targetId: string }) => `${i.targetType}:${i.targetId}`;
		const sameTarget = new Map(others.map((o) => [key(o), o.n]));
		const entries = items.map(({ item, groupName }) => {
			const c = content.get(key(item));
			return {
				id: item.id,
				kind: item.kind,
				urgency: item.urgency,
				reason: item.reason,
				createdAt: item.createdAt,
				group: { id: item.groupId, name: groupName },
				targetType: item.targetType,
				excerpt: excerptOf(c?.body ?? ''),
				hidden: c?.hidden ?? false,
				author: people.get(item.authorId) ?? null,
				sameContent: (sameTarget.get(key(item)) ?? 1) - 1
			};
		});
		entries.sort(
			(a, b) =>
				Number(b.urgency === 'urgent') - Number(a.urgency === 'urgent') ||
				a.createdAt.getTime() - b.createdAt.getTime()
		);
		await recordActorAudit(tx, actor, {
			action: 'moderation.queue_read',
			entityType: 'moderation_item',
			entityId: null,
			details: { items: entries.length }
		});
		return { entries, more: Math.max(0, (total?.n ?? 0) - entries.length) };
	});
}
