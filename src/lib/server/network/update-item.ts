import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zId } from '../validation';
import { networkItems } from './network.schema';
import { itemOf, mapOwnerFor, requireMapUse } from './network-access';
import { sealNetworkText } from './network-text';
import { ZItemFields, zSessionId } from './network.validation';

export const ZUpdateItemInput = ZItemFields.extend({ itemId: zId, sessionId: zSessionId });
export type TUpdateItemInput = z.input<typeof ZUpdateItemInput>;

/** Changes everything about one item of the map; the label stays encrypted. Audited without it. */
export async function updateItem({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TUpdateItemInput;
	now?: Date;
}): Promise<void> {
	requireMapUse(actor, input.sessionId);
	const site = requireSite(actor);
	const { sessionId, itemId, label, ...fields } = parseInput(ZUpdateItemInput, input);
	await app.db.transaction(async (tx) => {
		const owner = await mapOwnerFor(tx, actor, site.id, sessionId);
		const item = await itemOf(tx, site.id, owner.ownerId, itemId);
		const labelEncrypted = sealNetworkText(
			app.config.secret,
			{ ownerId: owner.ownerId, table: 'item', id: item.id },
			label
		);
		await tx
			.update(networkItems)
			.set({ labelEncrypted, ...fields, updatedAt: now })
			.where(eq(networkItems.id, item.id));
		await recordActorAudit(tx, actor, {
			action: 'network.item_update',
			entityType: 'network_item',
			entityId: item.id,
			details: { memberId: owner.ownerId, sessionId: owner.sessionId }
		});
	});
}
