import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { networkSnapshots } from './network.schema';
import { itemsOf, mapOwnerFor, requireMapUse } from './network-access';
import { summarise } from './network-summary';
import { sealNetworkText } from './network-text';
import { zSessionId } from './network.validation';
import type { SnapshotItem } from './snapshot-diff';
import { noteRestrictedNetwork } from './note-restricted-network';

export const ZSaveSnapshotInput = z.object({ sessionId: zSessionId });

/**
 * Saves the map as it is now as a dated snapshot: its items (encrypted) and its figures (plain,
 * for research exports). A restricted network may leave a quiet note for the member's
 * professional (note-restricted-network.ts). Audited.
 */
export async function saveSnapshot({
	app,
	actor,
	input = {},
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input?: z.input<typeof ZSaveSnapshotInput>;
	now?: Date;
}): Promise<{ id: string }> {
	requireMapUse(actor, input.sessionId);
	const site = requireSite(actor);
	const { sessionId } = parseInput(ZSaveSnapshotInput, input);
	return app.db.transaction(async (tx) => {
		const owner = await mapOwnerFor(tx, actor, site.id, sessionId);
		const items = await itemsOf(tx, app.config.secret, site.id, owner.ownerId);
		const summary = summarise(items);
		const id = randomUUID();
		const kept: SnapshotItem[] = items.map((i) => ({
			id: i.id,
			label: i.label,
			kind: i.kind,
			circle: i.circle
		}));
		await tx.insert(networkSnapshots).values({
			id,
			siteId: site.id,
			userId: owner.ownerId,
			takenAt: now,
			itemsEncrypted: sealNetworkText(
				app.config.secret,
				{ ownerId: owner.ownerId, table: 'snapshot', id },
				JSON.stringify(kept)
			),
			size: summary.size,
			circlesFilled: summary.circlesFilled,
			emotional: summary.support.emotional,
			practical: summary.support.practical,
			illness: summary.support.illness,
			networkType: summary.type
		});
		await recordActorAudit(tx, actor, {
			action: 'network.snapshot_save',
			entityType: 'network_snapshot',
			entityId: id,
			details: { memberId: owner.ownerId, sessionId: owner.sessionId, size: summary.size }
		});
		if (summary.type === 'restricted')
			await noteRestrictedNetwork(tx, { siteId: site.id, memberId: owner.ownerId, snapshotId: id });
		return { id };
	});
}
