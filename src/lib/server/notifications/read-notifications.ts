import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { notFound } from '../errors';
import { recordActorAudit } from '../audit/record-audit';
import { isUuid, parseInput, zId } from '../validation';
import { notificationKind } from './kinds';
import { visibleNotifications } from './list-notifications';
import { notifications, type Notification } from './notifications.schema';

export const ZMarkNotificationsReadInput = z.object({
	/** One notification; left out, all of the actor's unread ones on their site. */
	notificationId: z.preprocess((v) => (v === '' ? undefined : v), zId.optional())
});
export const ZOpenNotificationInput = z.object({ notificationId: zId });

/** The actor's own notification on their site whose target they can still reach, or "not found". */
async function reachableOwn(db: Db, actor: Actor, id: string): Promise<Notification> {
	const site = requireSite(actor);
	if (!isUuid(id)) throw notFound();
	const [n] = await db
		.select()
		.from(notifications)
		.where(
			and(
				eq(notifications.id, id),
				eq(notifications.userId, actor.userId),
				eq(notifications.siteId, site.id)
			)
		);
	const spec = n && notificationKind(n.kind);
	if (!n || !spec || !(await spec.reachable(db, actor, [n.targetId])).has(n.targetId))
		throw notFound();
	return n;
}

async function markRead(db: Db, actor: Actor, rows: Notification[], now: Date): Promise<number> {
	if (rows.length === 0) return 0;
	return db.transaction(async (tx) => {
		let marked = 0;
		for (const n of rows) {
			const [done] = await tx
				.update(notifications)
				.set({ readAt: now })
				.where(and(eq(notifications.id, n.id), isNull(notifications.readAt)))
				.returning({ id: notifications.id });
			if (!done) continue;
			marked++;
			await recordActorAudit(tx, actor, {
				action: 'notification.read',
				entityType: 'notification',
				entityId: n.id,
				details: { kind: n.kind }
			});
		}
		const byKind = new Map<string, Notification[]>();
		for (const n of rows) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
		for (const [kind, read] of byKind) await notificationKind(kind)?.onRead?.(tx, actor, read);
		return marked;
	});
}

/**
 * Marks one of the actor's notifications read, or all their unread ones on their site; someone
 * else's, or one about something they can no longer reach, is "not found". Audited.
 */
export async function markNotificationsRead({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZMarkNotificationsReadInput>;
	now?: Date;
}): Promise<{ marked: number }> {
	if (!given) throw notFound();
	const actor = given;
	const site = requireSite(actor);
	const { notificationId } = parseInput(ZMarkNotificationsReadInput, input);
	if (notificationId !== undefined)
		return {
			marked: await markRead(db, actor, [await reachableOwn(db, actor, notificationId)], now)
		};
	const unread = await db
		.select()
		.from(notifications)
		.where(
			and(
				eq(notifications.userId, actor.userId),
				eq(notifications.siteId, site.id),
				isNull(notifications.readAt)
			)
		);
	// Only those the list shows: one about a group the person left stays as it was.
	return { marked: await markRead(db, actor, await visibleNotifications(db, actor, unread), now) };
}

/**
 * Opens a notification: marks it read and answers where it leads. Someone else's, or one about
 * something the actor can no longer reach (removed from the group), is "not found".
 */
export async function openNotification({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZOpenNotificationInput>;
	now?: Date;
}): Promise<string> {
	if (!actor) throw notFound();
	const { notificationId } = parseInput(ZOpenNotificationInput, input);
	const n = await reachableOwn(db, actor, notificationId);
	await markRead(db, actor, [n], now);
	const spec = notificationKind(n.kind);
	if (!spec) throw notFound();
	return spec.link(n);
}
