// Ranking a site's directory for one member: pure functions, no database (decision 0019).
import type {
	CostLimit,
	InterestCategory,
	ModePreference,
	ResourceCost,
	ResourceScope
} from './resources.schema';

export type Point = { lat: number; lon: number };

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Point, b: Point): number {
	const dLat = rad(b.lat - a.lat);
	const dLon = rad(b.lon - a.lon);
	const h =
		Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** What matching needs of a resource. */
export type Candidate = {
	id: string;
	name: string;
	categories: readonly string[];
	cost: ResourceCost;
	stepFree: boolean;
	wheelchair: boolean;
	hearingLoop: boolean;
	languages: readonly string[];
	scope: ResourceScope;
	/** Its own coordinates, else its area's centre, else null. */
	point: Point | null;
};

/** What matching needs of a member. */
export type Wishes = {
	categories: readonly InterestCategory[];
	maxCost: CostLimit;
	stepFree: boolean;
	wheelchair: boolean;
	hearingLoop: boolean;
	language: string | null;
	mode: ModePreference;
	maxDistanceKm: number;
	/** Where they said they are (an area's centre or what they typed); null if they gave none. */
	from: Point | null;
};

export type Ranked = {
	id: string;
	scope: ResourceScope;
	score: number;
	/** Kilometres from the member's location, rounded to 0.1; null when either has no point. */
	distanceKm: number | null;
	/** The member's categories this resource offers. */
	matched: InterestCategory[];
};

const costRank: Record<ResourceCost, number> = { free: 0, low: 1, paid: 2 };
const costAllowed: Record<CostLimit, number> = { free: 0, low: 1, any: 2 };

/** The hard filters: cost and access needs. A resource failing one is never shown. */
export function passesFilters(c: Candidate, w: Wishes): boolean {
	if (costRank[c.cost] > costAllowed[w.maxCost]) return false;
	if (w.wheelchair && !c.wheelchair) return false;
	if (w.stepFree && !(c.stepFree || c.wheelchair)) return false;
	if (w.hearingLoop && !c.hearingLoop && c.scope !== 'online') return false;
	return true;
}

/**
 * The score of a resource that passed the filters, 0–100 (decision 0019):
 * interest 0/30/45/55 for 0/1/2/3+ shared categories (45 when the member chose none);
 * distance up to 30 for a local one (30 at the door, falling linearly to 0 at the member's
 * limit; 10 when either point is unknown), a flat 15 for national and online ones;
 * mode 10 when it is what they prefer (5 for "either"); language 5 when offered in theirs.
 */
export function scoreOf(
	c: Candidate,
	w: Wishes
): { score: number; distanceKm: number | null; matched: InterestCategory[] } | null {
	if (!passesFilters(c, w)) return null;
	const matched = w.categories.filter((cat) => c.categories.includes(cat));
	if (w.categories.length > 0 && matched.length === 0) return null;
	const interest =
		w.categories.length === 0 ? 45 : ([0, 30, 45, 55][Math.min(matched.length, 3)] ?? 55);
	const km = w.from && c.point ? Math.round(distanceKm(w.from, c.point) * 10) / 10 : null;
	let near: number;
	if (c.scope !== 'local') near = 15;
	else if (km === null) near = 10;
	else if (km > w.maxDistanceKm) return null;
	else near = 30 * (1 - km / Math.max(w.maxDistanceKm, 0.1));
	const online = c.scope === 'online';
	const mode = w.mode === 'either' ? 5 : (w.mode === 'online') === online ? 10 : 0;
	const lang = w.language && c.languages.includes(w.language) ? 5 : 0;
	return { score: Math.round((interest + near + mode + lang) * 10) / 10, distanceKm: km, matched };
}

/** Best first; ties by distance (unknown last), then name, then id, so the order never wavers. */
export function compareRanked(a: Ranked & { name: string }, b: Ranked & { name: string }): number {
	if (a.score !== b.score) return b.score - a.score;
	const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
	const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
	if (da !== db) return da - db;
	if (a.name !== b.name) return a.name < b.name ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export type Matches = { local: Ranked[]; national: Ranked[]; online: Ranked[] };

/**
 * Ranks every candidate for a member, in three lists so national and online options are always
 * offered beside the local ones: at most `perList` each.
 */
export function rankResources(
	candidates: readonly Candidate[],
	wishes: Wishes,
	perList = { local: 10, national: 5, online: 5 }
): Matches {
	const all: (Ranked & { name: string })[] = [];
	for (const c of candidates) {
		const s = scoreOf(c, wishes);
		if (s) all.push({ id: c.id, name: c.name, scope: c.scope, ...s });
	}
	all.sort(compareRanked);
	const take = (scope: ResourceScope, n: number): Ranked[] =>
		all
			.filter((r) => r.scope === scope)
			.slice(0, n)
			.map(({ id, scope: sc, score, distanceKm: d, matched }) => ({
				id,
				scope: sc,
				score,
				distanceKm: d,
				matched
			}));
	return {
		local: take('local', perList.local),
		national: take('national', perList.national),
		online: take('online', perList.online)
	};
}
