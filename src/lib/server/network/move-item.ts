import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zId } from '../validation';
import { networkItems } from './network.schema';
import { itemOf, mapOwnerFor, requireMapUse } from './network-access';
import { zCircle, zSessionId } from './network.validation';

/** A move names the new circle, or a step: closer (towards 1) or further (towards 3). */
export const ZMoveItemInput = z.object({
	itemId: zId,
	sessionId: zSessionId,
	to: z.union([z.enum(['closer', 'further'], 'net_err_circle'), zCircle])
});
export type TMoveItemInput = z.input<typeof ZMoveItemInput>;

/** Moves one item to another circle (a drag, arrow keys or a button); audited. */
export async function moveItem({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TMoveItemInput;
	now?: Date;
}): Promise<{ circle: number }> {
	requireMapUse(actor, input.sessionId);
	const site = requireSite(actor);
	const { sessionId, itemId, to } = parseInput(ZMoveItemInput, input);
	return db.transaction(async (tx) => {
		const owner = await mapOwnerFor(tx, actor, site.id, sessionId);
		const item = await itemOf(tx, site.id, owner.ownerId, itemId);
		const circle =
			to === 'closer'
				? Math.max(1, item.circle - 1)
				: to === 'further'
					? Math.min(3, item.circle + 1)
					: to;
		if (circle === item.circle) return { circle };
		await tx
			.update(networkItems)
			.set({ circle, updatedAt: now })
			.where(eq(networkItems.id, item.id));
		await recordActorAudit(tx, actor, {
			action: 'network.item_move',
			entityType: 'network_item',
			entityId: item.id,
			details: {
				memberId: owner.ownerId,
				sessionId: owner.sessionId,
				from: item.circle,
				to: circle
			}
		});
		return { circle };
	});
}
