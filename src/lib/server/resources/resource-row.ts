// An entry's fields as stored: the area's name resolved to the site's area, descriptions per language.
import type { ResourceArea, resources } from './resources.schema';
import { descriptionLocales, type TResourceFields } from './resources.validation';

export type ResourceValues = Omit<typeof resources.$inferInsert, 'id' | 'siteId'>;

/** The stored values of validated fields, or the field that names an unknown area. */
export function toResourceValues(
	f: TResourceFields,
	areas: readonly Pick<ResourceArea, 'id' | 'name'>[]
): { ok: true; values: ResourceValues } | { ok: false; field: 'area' } {
	let areaId: string | null = null;
	if (f.area) {
		const wanted = f.area.toLocaleLowerCase('en');
		const area = areas.find((a) => a.name.toLocaleLowerCase('en') === wanted);
		if (!area) return { ok: false, field: 'area' };
		areaId = area.id;
	}
	const descriptions: Record<string, string> = {};
	for (const l of descriptionLocales) {
		const d = f[`description_${l}`];
		if (d) descriptions[l] = d;
	}
	return {
		ok: true,
		values: {
			name: f.name,
			kind: f.kind,
			descriptions,
			categories: [...new Set(f.categories)],
			address: f.address ?? '',
			areaId,
			lat: f.lat === undefined ? null : Number(f.lat),
			lon: f.lon === undefined ? null : Number(f.lon),
			openingTimes: f.openingTimes ?? '',
			cost: f.cost,
			stepFree: f.stepFree,
			wheelchair: f.wheelchair,
			hearingLoop: f.hearingLoop,
			transport: f.transport ?? '',
			languages: [...new Set(f.languages)],
			contact: f.contact ?? '',
			website: f.website ?? '',
			scope: f.scope,
			lastCheckedOn: f.lastCheckedOn
		}
	};
}
