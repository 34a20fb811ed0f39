import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { itemsOf, mapOwnerFor, requireMapUse, type NetworkItem } from './network-access';
import { summarise, type NetworkSummary } from './network-summary';
import { zSessionId } from './network.validation';

export const ZGetMapInput = z.object({ sessionId: zSessionId });

export type NetworkMap = { ownerId: string; items: NetworkItem[]; summary: NetworkSummary };

/**
 * The member's own map with its summary, or the map of the member whose open session the actor
 * facilitates (that read is audited).
 */
export async function getMap({
	app,
	actor,
	input = {}
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input?: z.input<typeof ZGetMapInput>;
}): Promise<NetworkMap> {
	requireMapUse(actor, input.sessionId);
	const site = requireSite(actor);
	const { sessionId } = parseInput(ZGetMapInput, input);
	return app.db.transaction(async (tx) => {
		const owner = await mapOwnerFor(tx, actor, site.id, sessionId);
		const items = await itemsOf(tx, app.config.secret, site.id, owner.ownerId);
		if (owner.sessionId)
			await recordActorAudit(tx, actor, {
				action: 'network.read_session',
				entityType: 'network_session',
				entityId: owner.sessionId,
				details: { memberId: owner.ownerId, items: items.length }
			});
		return { ownerId: owner.ownerId, items, summary: summarise(items) };
	});
}
