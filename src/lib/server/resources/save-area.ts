import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { resourceAreas } from './resources.schema';
import { ZSaveAreaInput } from './resources.validation';

/** Adds an area to the site's list, or replaces the centre and postcodes of one of that name; audited. */
export async function saveArea({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZSaveAreaInput>;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const a = parseInput(ZSaveAreaInput, input);
	return db.transaction(async (tx) => {
		const values = { lat: Number(a.lat), lon: Number(a.lon), postcodes: a.postcodes };
		const [row] = await tx
			.insert(resourceAreas)
			.values({ siteId: site.id, name: a.name, ...values })
			.onConflictDoUpdate({
				target: [resourceAreas.siteId, resourceAreas.name],
				set: values
			})
			.returning({ id: resourceAreas.id });
		if (!row) throw new Error('area upsert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'resource.area_save',
			entityType: 'resource_area',
			entityId: row.id
		});
		return { id: row.id };
	});
}
