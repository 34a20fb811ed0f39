// Reading a member's snapshots: the list of dates and figures, and one snapshot's items.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import { networkKinds, networkSnapshots } from './network.schema';
import { openNetworkText } from './network-text';
import type { SnapshotItem } from './snapshot-diff';

export type SnapshotRow = typeof networkSnapshots.$inferSelect;
export type SnapshotFigures = Omit<SnapshotRow, 'itemsEncrypted'>;

const ZStoredItems = z.array(
	z.object({
		id: z.string(),
		label: z.string(),
		kind: z.enum(networkKinds),
		circle: z.number().int()
	})
);

/** The member's snapshots, newest first, without their items. */
export async function snapshotsOf(
	tx: Tx,
	siteId: string,
	ownerId: string
): Promise<SnapshotFigures[]> {
	const rows = await tx
		.select()
		.from(networkSnapshots)
		.where(and(eq(networkSnapshots.siteId, siteId), eq(networkSnapshots.userId, ownerId)))
		.orderBy(desc(networkSnapshots.takenAt), desc(networkSnapshots.id));
	return rows.map(({ itemsEncrypted: _, ...figures }) => figures);
}

/** One of the member's snapshots with its items opened, or "not found". */
export async function snapshotOf(
	tx: Tx,
	secret: string,
	siteId: string,
	ownerId: string,
	snapshotId: string
): Promise<SnapshotFigures & { items: SnapshotItem[] }> {
	if (!isUuid(snapshotId)) throw notFound();
	const [row] = await tx
		.select()
		.from(networkSnapshots)
		.where(
			and(
				eq(networkSnapshots.id, snapshotId),
				eq(networkSnapshots.siteId, siteId),
				eq(networkSnapshots.userId, ownerId)
			)
		)
		.limit(1);
	if (!row) throw notFound();
	const { itemsEncrypted, ...figures } = row;
	const text = openNetworkText(secret, { ownerId, table: 'snapshot', id: row.id }, itemsEncrypted);
	return { ...figures, items: ZStoredItems.parse(JSON.parse(text)) };
}
