import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { and, count, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { recordXactLock } from '../jobs/locks';
import { parseInput } from '../validation';
import { networkItems } from './network.schema';
import { mapOwnerFor, requireMapUse } from './network-access';
import { sealNetworkText } from './network-text';
import { MAX_ITEMS, ZItemFields, zSessionId } from './network.validation';

export const ZAddItemInput = ZItemFields.extend({ sessionId: zSessionId });
export type TAddItemInput = z.input<typeof ZAddItemInput>;

/**
 * Adds an item to the member's map (or, in a facilitated session, to the member's map the actor
 * facilitates); a map holds at most 100. The label is encrypted; audited without it.
 */
export async function addItem({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TAddItemInput;
}): Promise<{ id: string }> {
	requireMapUse(actor, input.sessionId);
	const site = requireSite(actor);
	const { sessionId, label, ...fields } = parseInput(ZAddItemInput, input);
	return app.db.transaction(async (tx) => {
		const owner = await mapOwnerFor(tx, actor, site.id, sessionId);
		// Two adds at once must not both pass the limit.
		await tx.execute(recordXactLock('networkMap', owner.ownerId));
		const [held] = await tx
			.select({ n: count() })
			.from(networkItems)
			.where(and(eq(networkItems.siteId, site.id), eq(networkItems.userId, owner.ownerId)));
		if ((held?.n ?? 0) >= MAX_ITEMS)
			throw new AppError('invalid_input', { label: 'net_err_full' }, { max: MAX_ITEMS });
		const id = randomUUID();
		const labelEncrypted = sealNetworkText(
			app.config.secret,
			{ ownerId: owner.ownerId, table: 'item', id },
			label
		);
		await tx
			.insert(networkItems)
			.values({ id, siteId: site.id, userId: owner.ownerId, labelEncrypted, ...fields });
		await recordActorAudit(tx, actor, {
			action: 'network.item_add',
			entityType: 'network_item',
			entityId: id,
			details: { memberId: owner.ownerId, sessionId: owner.sessionId }
		});
		return { id };
	});
}
