// Matching 1,000 directory entries for one member (QUALITY/issue 13: < 50 ms server time): the
// whole use case — reading the member's interests, the site's areas, entries and picks, scoring
// by haversine distance, filtering and sorting — timed in process, on PGlite and, with
// TEST_DATABASE_URL, on PostgreSQL. Prints the median, p95 and the ranking alone.
// Usage: npx tsx bench/matching.ts [--runs 200] [--entries 1000]
import { createTestApp, dbKinds } from '../src/lib/server/testing/test-app';
import { makePerson, makeSite } from '../src/lib/server/testing/factories';
import {
	interestCategories,
	resourceAreas,
	resourceInterests,
	resources,
	resourceScopes
} from '../src/lib/server/resources/resources.schema';
import { matchResources } from '../src/lib/server/resources/match-resources';
import { rankResources, type Candidate } from '../src/lib/server/resources/matching';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}
const RUNS = arg('runs', 200);
const ENTRIES = arg('entries', 1000);
const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const r1 = (n: number) => Math.round(n * 100) / 100;

async function timed(fn: () => Promise<unknown> | unknown): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < 20; i++) await fn(); // warm up
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await fn();
		times.push(performance.now() - t);
	}
	return times.sort((a, b) => a - b);
}

for (const kind of dbKinds) {
	const app = await createTestApp(kind);
	try {
		const site = await makeSite(app, { timeZone: 'UTC' });
		const member = (await makePerson(app, site, ['member'])).actor;
		const [area] = await app.db
			.insert(resourceAreas)
			.values({ siteId: site.id, name: 'Centre', lat: 55.68, lon: 12.57, postcodes: [] })
			.returning();
		const rows = Array.from({ length: ENTRIES }, (_, i) => ({
			siteId: site.id,
			name: `Entry ${i}`,
			kind: 'group' as const,
			categories: [
				interestCategories[i % 14] ?? 'social',
				interestCategories[(i * 7) % 14] ?? 'social'
			],
			scope: resourceScopes[i % 10 === 0 ? 1 : i % 10 === 1 ? 2 : 0] ?? 'local',
			cost: (['free', 'low', 'paid'] as const)[i % 3] ?? 'free',
			wheelchair: i % 4 === 0,
			stepFree: i % 2 === 0,
			lat: 55.5 + ((i * 37) % 400) / 1000,
			lon: 12.3 + ((i * 53) % 500) / 1000,
			descriptions: { en: 'A description of a reasonable length for one entry of the directory.' },
			lastCheckedOn: '2026-12-01'
		}));
		for (let i = 0; i < rows.length; i += 250)
			await app.db.insert(resources).values(rows.slice(i, i + 250));
		await app.db.insert(resourceInterests).values({
			siteId: site.id,
			userId: member.userId,
			categories: ['creative', 'nature', 'social', 'peer_support'],
			maxCost: 'low',
			maxDistanceKm: 15,
			areaId: area?.id ?? null
		});
		const whole = await timed(() => matchResources({ db: app.db, actor: member }));
		const candidates: Candidate[] = rows.map((r, i) => ({
			...r,
			id: String(i),
			languages: [],
			hearingLoop: false,
			point: { lat: r.lat, lon: r.lon }
		}));
		const rankOnly = await timed(() =>
			rankResources(candidates, {
				categories: ['creative', 'nature', 'social', 'peer_support'],
				maxCost: 'low',
				stepFree: false,
				wheelchair: false,
				hearingLoop: false,
				language: null,
				mode: 'either',
				maxDistanceKm: 15,
				from: { lat: 55.68, lon: 12.57 }
			})
		);
		console.log(
			JSON.stringify({
				db: kind,
				entries: ENTRIES,
				runs: RUNS,
				matchResourcesMs: { p50: r1(pct(whole, 50)), p95: r1(pct(whole, 95)) },
				rankingOnlyMs: { p50: r1(pct(rankOnly, 50)), p95: r1(pct(rankOnly, 95)) }
			})
		);
	} finally {
		await app.cleanup();
	}
}
