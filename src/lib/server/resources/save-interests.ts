import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { isUuid, parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { resourceAreas, resourceInterests } from './resources.schema';
import { normalPostcode, ZInterestsInput, type TInterestsInput } from './resources.validation';

export { ZInterestsInput };

/**
 * Saves the member's interests, needs and location (personal health data; audited). The location
 * is what they gave and no more: an area of the site's list, a postcode found in one of its areas
 * (kept as typed, with its area), or coordinates kept as typed — or none.
 */
export async function saveInterests({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TInterestsInput;
}): Promise<void> {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const i = parseInput(ZInterestsInput, input);
	if ((i.lat === undefined) !== (i.lon === undefined))
		throw new AppError('invalid_input', {
			[i.lat === undefined ? 'lat' : 'lon']: 'res_err_coordinates_pair'
		});
	await db.transaction(async (tx) => {
		const areas = await tx.select().from(resourceAreas).where(eq(resourceAreas.siteId, site.id));
		let areaId: string | null = null;
		let postcode: string | null = null;
		if (i.areaId !== undefined) {
			const area = isUuid(i.areaId) ? areas.find((a) => a.id === i.areaId) : undefined;
			if (!area) throw new AppError('invalid_input', { areaId: 'res_err_area' });
			areaId = area.id;
		} else if (i.postcode) {
			const code = normalPostcode(i.postcode);
			// The longest postcode (or start of one) an area lists that this one begins with.
			let best: { id: string; length: number } | null = null;
			for (const a of areas)
				for (const p of a.postcodes)
					if (code.startsWith(p) && (!best || p.length > best.length))
						best = { id: a.id, length: p.length };
			if (!best) throw new AppError('invalid_input', { postcode: 'res_err_postcode_unknown' });
			areaId = best.id;
			postcode = i.postcode.toUpperCase();
		}
		const values = {
			categories: [...new Set(i.categories)],
			maxCost: i.maxCost,
			stepFree: i.stepFree,
			wheelchair: i.wheelchair,
			hearingLoop: i.hearingLoop,
			travel: i.travel,
			maxDistanceKm: i.maxDistanceKm,
			language: i.language ?? null,
			times: i.times,
			mode: i.mode,
			company: i.company,
			areaId,
			postcode,
			lat: areaId ? null : (i.lat ?? null),
			lon: areaId ? null : (i.lon ?? null),
			updatedAt: new Date()
		};
		const [row] = await tx
			.insert(resourceInterests)
			.values({ siteId: site.id, userId: actor.userId, ...values })
			.onConflictDoUpdate({
				target: [resourceInterests.siteId, resourceInterests.userId],
				set: values
			})
			.returning({ id: resourceInterests.id });
		if (!row) throw new Error('interests upsert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'resource_interests.save',
			entityType: 'resource_interests',
			entityId: row.id
		});
	});
}
