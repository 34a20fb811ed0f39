import type { Db, Tx } from '../db/client';
import { deliveryLog, notifications } from './notifications.schema';

export type Channel = 'in_app' | 'email';
export type Outcome = 'sent' | 'failed' | 'held' | 'skipped';

/** Writes one line of the delivery log. */
export async function logDelivery(
	db: Db | Tx,
	d: {
		siteId: string | null;
		userId: string;
		kind: string;
		channel: Channel;
		outcome: Outcome;
		retries?: number;
	}
): Promise<void> {
	await db.insert(deliveryLog).values({ ...d, retries: d.retries ?? 0 });
}

/**
 * Puts a notification in a person's centre, once per (kind, source): false if it was there
 * already. The in-app delivery is logged.
 */
export async function notifyInApp(
	tx: Db | Tx,
	n: {
		siteId: string;
		userId: string;
		kind: string;
		targetId: string;
		source: string;
		params?: Record<string, string>;
		at?: Date;
	}
): Promise<boolean> {
	const [row] = await tx
		.insert(notifications)
		.values({
			siteId: n.siteId,
			userId: n.userId,
			kind: n.kind,
			targetId: n.targetId,
			source: n.source,
			params: n.params ?? {},
			createdAt: n.at ?? new Date()
		})
		.onConflictDoNothing()
		.returning({ id: notifications.id });
	if (!row) return false;
	await logDelivery(tx, {
		siteId: n.siteId,
		userId: n.userId,
		kind: n.kind,
		channel: 'in_app',
		outcome: 'sent'
	});
	return true;
}
