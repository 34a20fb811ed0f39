import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { resourcePicks, resources, type InterestCategory, type Resource } from './resources.schema';
import { areasOf } from './directory';
import { getMyInterests } from './interests';
import { rankResources, type Point, type Ranked, type Wishes } from './matching';

export type Match = Ranked & { resource: Resource; picked: boolean };

/**
 * The site's directory ranked for the member by their interests, needs and location (decision
 * 0019): local, national and online lists. Null before they have answered the interests.
 */
export async function matchResources({ db, actor }: { db: Db; actor: Actor | null }): Promise<{
	local: Match[];
	national: Match[];
	online: Match[];
	from: 'area' | 'point' | null;
} | null> {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const interests = await getMyInterests({ db, actor });
	if (!interests) return null;
	const [areas, entries, picks] = await Promise.all([
		areasOf(db, site.id),
		// Only what ranking needs: the full rows are read for the few that are shown.
		db
			.select({
				id: resources.id,
				name: resources.name,
				categories: resources.categories,
				cost: resources.cost,
				stepFree: resources.stepFree,
				wheelchair: resources.wheelchair,
				hearingLoop: resources.hearingLoop,
				languages: resources.languages,
				scope: resources.scope,
				areaId: resources.areaId,
				lat: resources.lat,
				lon: resources.lon
			})
			.from(resources)
			.where(eq(resources.siteId, site.id)),
		db
			.select({ resourceId: resourcePicks.resourceId })
			.from(resourcePicks)
			.where(
				and(
					eq(resourcePicks.siteId, site.id),
					eq(resourcePicks.userId, actor.userId),
					eq(resourcePicks.status, 'active')
				)
			)
	]);
	const centre = new Map(areas.map((a) => [a.id, { lat: a.lat, lon: a.lon }]));
	let from: Point | null = null;
	if (interests.areaId) from = centre.get(interests.areaId) ?? null;
	else if (interests.lat !== null && interests.lon !== null)
		from = { lat: Number(interests.lat), lon: Number(interests.lon) };
	const wishes: Wishes = {
		categories: interests.categories as InterestCategory[],
		maxCost: interests.maxCost,
		stepFree: interests.stepFree,
		wheelchair: interests.wheelchair,
		hearingLoop: interests.hearingLoop,
		language: interests.language,
		mode: interests.mode,
		maxDistanceKm: interests.maxDistanceKm,
		from
	};
	const ranked = rankResources(
		entries.map((r) => ({
			...r,
			point:
				r.lat !== null && r.lon !== null
					? { lat: r.lat, lon: r.lon }
					: r.areaId
						? (centre.get(r.areaId) ?? null)
						: null
		})),
		wishes
	);
	const shown = [...ranked.local, ...ranked.national, ...ranked.online].map((m) => m.id);
	const full =
		shown.length === 0
			? []
			: await db
					.select()
					.from(resources)
					.where(and(eq(resources.siteId, site.id), inArray(resources.id, shown)));
	const byId = new Map(full.map((r) => [r.id, r]));
	const picked = new Set(picks.map((p) => p.resourceId));
	const view = (list: Ranked[]): Match[] =>
		list.flatMap((m) => {
			const resource = byId.get(m.id);
			return resource ? [{ ...m, resource, picked: picked.has(m.id) }] : [];
		});
	return {
		local: view(ranked.local),
		national: view(ranked.national),
		online: view(ranked.online),
		from: interests.areaId ? 'area' : from ? 'point' : null
	};
}
