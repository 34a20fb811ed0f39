import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { groupMembers, groups } from '../groups/groups.schema';
import { moderationActions, moderationItems } from './moderation.schema';
import { identities, itemOf, requireModerator, type Identity } from './moderation-access';
import { targetContent, type TargetContent } from './target-content';
import { recordActorAudit } from '../audit/record-audit';

export type ItemView = {
	item: {
		id: string;
		kind: 'report' | 'risk';
		urgency: 'routine' | 'urgent';
		status: 'open' | 'resolved';
		reason: string;
		createdAt: Date;
		resolvedAt: Date | null;
	};
	group: { id: string; name: string };
	content: TargetContent | null;
	author: Identity & {
		userId: string;
		status: string | null;
		mutedUntil: Date | null;
	};
	/** Every report and flag about the same content, this one included. */
	reports: { id: string; kind: 'report' | 'risk'; reason: string; by: Identity | null; at: Date }[];
	/** What moderators and facilitators did about this item, its content and its author here. */
	history: {
		action: string;
		reason: string;
		until: Date | null;
		by: Identity | null;
		at: Date;
	}[];
};

/**
 * One item of the queue with what a moderator needs to decide: the content, its author (real
 * identity and pseudonym), their standing in the group, all reports about it and the history of
 * actions and notes. The read is audited.
 */
export async function getItem({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: { itemId: string };
	now?: Date;
}): Promise<ItemView> {
	const { actor, site } = requireModerator(given);
	return db.transaction(async (tx) => {
		const item = await itemOf(tx, site.id, input.itemId);
		const [group] = await tx
			.select({ id: groups.id, name: groups.name })
			.from(groups)
			.where(eq(groups.id, item.groupId));
		const content = await targetContent(tx, item.groupId, item.targetType, item.targetId).catch(
			() => null
		);
		const [member] = await tx
			.select({ status: groupMembers.status, mutedUntil: groupMembers.mutedUntil })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, item.groupId), eq(groupMembers.userId, item.authorId)));
		const related = await tx
			.select()
			.from(moderationItems)
			.where(
				and(
					eq(moderationItems.siteId, site.id),
					eq(moderationItems.targetType, item.targetType),
					eq(moderationItems.targetId, item.targetId)
				)
			)
			.orderBy(asc(moderationItems.createdAt));
		const actions = await tx
			.select()
			.from(moderationActions)
			.where(
				and(
					eq(moderationActions.siteId, site.id),
					or(
						eq(moderationActions.itemId, item.id),
						and(
							eq(moderationActions.groupId, item.groupId),
							or(
								eq(moderationActions.targetUserId, item.authorId),
								and(
									eq(moderationActions.targetType, item.targetType),
									eq(moderationActions.targetId, item.targetId)
								)
							)
						)
					)
				)
			)
			.orderBy(desc(moderationActions.createdAt));
		const people = await identities(tx, [
			item.authorId,
			...related.map((r) => r.reportedBy),
			...actions.map((a) => a.actorId)
		]);
		await recordActorAudit(tx, actor, {
			action: 'moderation.item_read',
			entityType: 'moderation_item',
			entityId: item.id,
			details: { groupId: item.groupId }
		});
		const author = people.get(item.authorId);
		return {
			item: {
				id: item.id,
				kind: item.kind,
				urgency: item.urgency,
				status: item.status,
				reason: item.reason,
				createdAt: item.createdAt,
				resolvedAt: item.resolvedAt
			},
			group: group ?? { id: item.groupId, name: '' },
			content,
			author: {
				userId: item.authorId,
				name: author?.name ?? '',
				pseudonym: author?.pseudonym ?? null,
				status: member?.status ?? null,
				mutedUntil: member?.mutedUntil && member.mutedUntil > now ? member.mutedUntil : null
			},
			reports: related.map((r) => ({
				id: r.id,
				kind: r.kind,
				reason: r.reason,
				by: r.reportedBy ? (people.get(r.reportedBy) ?? null) : null,
				at: r.createdAt
			})),
			history: actions.map((a) => ({
				action: a.action,
				reason: a.reason,
				until: a.until,
				by: people.get(a.actorId) ?? null,
				at: a.createdAt
			}))
		};
	});
}
