import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { displayNames } from '../people/names';
import { parseInput, zId } from '../validation';
import { networkShares } from './network.schema';
import { itemsOf, requireSharedWith, type NetworkItem } from './network-access';
import { summarise, type NetworkSummary } from './network-summary';

/** The members who share their map with the actor, by name; no map content, so not audited. */
export async function listSharedMaps({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<{ memberId: string; name: string }[]> {
	requireUseCase(actor, 'network.read_shared');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ memberId: networkShares.memberId })
			.from(networkShares)
			.where(
				and(
					eq(networkShares.siteId, site.id),
					eq(networkShares.sharedWithUserId, actor.userId),
					isNull(networkShares.revokedAt)
				)
			)
			.orderBy(asc(networkShares.createdAt));
		const names = await displayNames(
			tx,
			rows.map((r) => r.memberId)
		);
		return rows.map((r) => ({ memberId: r.memberId, name: names.get(r.memberId) ?? '—' }));
	});
}

export const ZSharedMapInput = z.object({ memberId: zId });

/** A map a member shares with the actor, read-only, with its summary; the read is audited. */
export async function getSharedMap({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZSharedMapInput>;
}): Promise<{ memberName: string; items: NetworkItem[]; summary: NetworkSummary }> {
	requireUseCase(actor, 'network.read_shared');
	const site = requireSite(actor);
	const { memberId } = parseInput(ZSharedMapInput, input);
	return app.db.transaction(async (tx) => {
		await requireSharedWith(tx, actor, site.id, memberId);
		const items = await itemsOf(tx, app.config.secret, site.id, memberId);
		const names = await displayNames(tx, [memberId]);
		await recordActorAudit(tx, actor, {
			action: 'network.read_shared',
			entityType: 'network_map',
			entityId: memberId,
			details: { items: items.length }
		});
		return { memberName: names.get(memberId) ?? '—', items, summary: summarise(items) };
	});
}
