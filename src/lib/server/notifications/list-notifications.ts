import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { preparedOn } from '../db/prepared';
import type { Actor } from '../access/actor';
import { notificationKind } from './kinds';
import { notifications, type Notification } from './notifications.schema';

export type ShownNotification = Pick<
	Notification,
	'id' | 'kind' | 'params' | 'createdAt' | 'readAt'
> & { unread: boolean };

/**
 * Keeps the notifications whose kind is known and whose target the actor can still reach: the
 * one filter behind the list, the unread count, "mark all read" and the daily digest.
 */
export async function visibleNotifications(
	db: Db,
	actor: Actor,
	rows: Notification[]
): Promise<Notification[]> {
	const byKind = new Map<string, string[]>();
	for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.targetId]);
	const reachable = new Map<string, Set<string>>();
	for (const [kind, ids] of byKind) {
		const spec = notificationKind(kind);
		reachable.set(kind, spec ? await spec.reachable(db, actor, [...new Set(ids)]) : new Set());
	}
	return rows.filter((r) => reachable.get(r.kind)?.has(r.targetId));
}

const mine = (actor: Actor, siteId: string) =>
	and(eq(notifications.userId, actor.userId), eq(notifications.siteId, siteId));

/**
 * The newest `limit` notifications of the actor on their site that they may still see, newest
 * first: one about a group they left, or of a kind no longer known, is not listed.
 */
export async function listNotifications({
	db,
	actor,
	limit = 50
}: {
	db: Db;
	actor: Actor;
	limit?: number;
}): Promise<ShownNotification[]> {
	if (!actor.site) return [];
	const rows = await db
		.select()
		.from(notifications)
		.where(mine(actor, actor.site.id))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(limit);
	return (await visibleNotifications(db, actor, rows)).map((r) => ({
		id: r.id,
		kind: r.kind,
		params: r.params,
		createdAt: r.createdAt,
		readAt: r.readAt,
		unread: r.readAt === null
	}));
}

/** How many of the actor's visible notifications on their site are unread (at most 99 counted). */
// Every signed-in page asks this (the shell's count): prepared once.
const unreadStatement = preparedOn((db: Db | Tx) =>
	db
		.select()
		.from(notifications)
		.where(
			and(
				eq(notifications.userId, sql.placeholder('userId')),
				eq(notifications.siteId, sql.placeholder('siteId')),
				isNull(notifications.readAt)
			)
		)
		.orderBy(desc(notifications.createdAt))
		.limit(99)
		.prepare('kith_unread_notifications')
);

export async function countUnreadNotifications({
	db,
	actor
}: {
	db: Db;
	actor: Actor;
}): Promise<number> {
	if (!actor.site) return 0;
	const rows = await unreadStatement(db).execute({ userId: actor.userId, siteId: actor.site.id });
	return (await visibleNotifications(db, actor, rows)).length;
}
