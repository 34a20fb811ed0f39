import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zId } from '../validation';
import { networkItems } from './network.schema';
import { itemOf, mapOwnerFor, requireMapUse } from './network-access';
import { zSessionId } from './network.validation';

export const ZRemoveItemInput = z.object({ itemId: zId, sessionId: zSessionId });
export type TRemoveItemInput = z.input<typeof ZRemoveItemInput>;

/** Takes one item off the map (saved snapshots keep it); audited. */
export async function removeItem({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TRemoveItemInput;
}): Promise<void> {
	requireMapUse(actor, input.sessionId);
	const site = requireSite(actor);
	const { sessionId, itemId } = parseInput(ZRemoveItemInput, input);
	await db.transaction(async (tx) => {
		const owner = await mapOwnerFor(tx, actor, site.id, sessionId);
		const item = await itemOf(tx, site.id, owner.ownerId, itemId);
		await tx.delete(networkItems).where(eq(networkItems.id, item.id));
		await recordActorAudit(tx, actor, {
			action: 'network.item_remove',
			entityType: 'network_item',
			entityId: item.id,
			details: { memberId: owner.ownerId, sessionId: owner.sessionId }
		});
	});
}
