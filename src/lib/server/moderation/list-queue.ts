import { and, asc, eq, inArray } from 'drizzle-orm';
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

const excerptOf = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

/**
 * The site's open moderation items: urgent (risk flags) first, then oldest first. Each shows the
 * content, its author (real name and pseudonym), the group and the reason. The read is audited.
 */
export async function listQueue({
	db,
	actor: given
}: {
	db: Db;
	actor: Actor | null;
}): Promise<QueueEntry[]> {
	const { actor, site } = requireModerator(given);
	return db.transaction(async (tx) => {
		const items = await tx
			.select({ item: moderationItems, groupName: groups.name })
			.from(moderationItems)
			.innerJoin(groups, eq(groups.id, moderationItems.groupId))
			.where(and(eq(moderationItems.siteId, site.id), eq(moderationItems.status, 'open')))
			.orderBy(asc(moderationItems.createdAt));
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
				sameContent: items.filter((o) => key(o.item) === key(item)).length - 1
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
		return entries;
	});
}
