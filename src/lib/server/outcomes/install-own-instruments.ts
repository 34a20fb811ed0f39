import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { instruments } from './outcomes.schema';
import { parseInstrument } from './parse-instrument';
import { ownInstruments, shippedSpecs } from './shipped';
import { storeInstrument } from './import-instrument';

/** Publishes Kith's own instruments on a site that has none of them yet; the ids, new or not. */
export async function ensureOwnInstruments(
	tx: Tx,
	siteId: string,
	by: string | null
): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	for (const q of ownInstruments) {
		const read = parseInstrument(JSON.stringify(q), shippedSpecs);
		if (!read.ok) throw new Error(`shipped instrument ${q.name ?? ''} does not read`);
		const [have] = await tx
			.select({ id: instruments.id })
			.from(instruments)
			.where(
				and(
					eq(instruments.siteId, siteId),
					eq(instruments.key, read.instrument.key),
					inArray(instruments.status, ['published', 'draft'])
				)
			)
			.limit(1);
		ids.set(
			read.instrument.key,
			have?.id ?? (await storeInstrument(tx, siteId, read, by, 'published'))
		);
	}
	return ids;
}

/** A site admin adds Kith's own check-in and session feedback to the site in one click. Audited. */
export async function installOwnInstruments({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<void> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	await db.transaction(async (tx) => {
		const ids = await ensureOwnInstruments(tx, site.id, actor.userId);
		for (const id of ids.values())
			await recordActorAudit(tx, actor, {
				action: 'instrument.publish',
				entityType: 'instrument',
				entityId: id
			});
	});
}
