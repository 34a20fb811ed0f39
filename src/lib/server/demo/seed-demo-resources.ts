// The demo site's resource directory: about 40 invented organisations, groups, activities and
// services across the interest categories, in two areas, local, national and online, and the demo
// member with interests, three picks and one follow-up waiting. None of them exists.
import type { App } from '../app';
import type { Site } from '../sites/sites.schema';
import { addDays, dayOf } from '../dates/calendar';
import {
	resourceAreas,
	resourceInterests,
	resourcePicks,
	resources,
	type InterestCategory,
	type ResourceCost,
	type ResourceKind,
	type ResourceScope
} from '../resources/resources.schema';
import { followUpAt, scheduleFollowUp } from '../resources/picks';

type Entry = [
	name: string,
	kind: ResourceKind,
	categories: InterestCategory[],
	scope: ResourceScope,
	area: 'north' | 'west' | null,
	cost: ResourceCost,
	access: string,
	description: string
];

// Access: w = wheelchair, s = step-free, h = hearing loop.
const entries: Entry[] = [
	[
		'Riverside Drawing Circle',
		'group',
		['creative', 'social'],
		'local',
		'north',
		'free',
		'ws',
		'Drawing together, no experience needed. Materials provided.'
	],
	[
		'Clay and Tea Workshop',
		'activity',
		['creative'],
		'local',
		'west',
		'low',
		's',
		'Hand-building with clay, then tea. Small groups of six.'
	],
	[
		'Open Mic Evenings',
		'activity',
		['creative', 'social'],
		'local',
		'north',
		'free',
		'wh',
		'Read, sing or simply listen. Nobody has to perform.'
	],
	[
		'Community Choir Lindegården',
		'group',
		['creative', 'social'],
		'local',
		'west',
		'free',
		'wsh',
		'A friendly choir that sings everything from folk to pop.'
	],
	[
		'Board Game Café Evenings',
		'activity',
		['social'],
		'local',
		'north',
		'low',
		's',
		'Games and a hot drink; hosts help you find a table.'
	],
	[
		'Walk and Talk Wednesdays',
		'activity',
		['social', 'physical', 'nature'],
		'local',
		'west',
		'free',
		'',
		'A gentle hour-long walk with time to talk or not.'
	],
	[
		'Library Learning Corner',
		'service',
		['learning'],
		'local',
		'north',
		'free',
		'wsh',
		'Help with computers, forms and finding courses.'
	],
	[
		'Evening Language Café',
		'activity',
		['learning', 'social'],
		'local',
		'west',
		'free',
		'ws',
		'Practise a language over coffee with volunteers.'
	],
	[
		'Adult Education Short Courses',
		'organisation',
		['learning', 'work_training'],
		'local',
		'north',
		'paid',
		'ws',
		'Short courses in cooking, writing, IT and more.'
	],
	[
		'Gentle Yoga in the Hall',
		'activity',
		['physical', 'complementary'],
		'local',
		'west',
		'low',
		'ws',
		'Chair-based and mat yoga at an easy pace.'
	],
	[
		'Swim at Your Own Pace',
		'activity',
		['physical'],
		'local',
		'north',
		'low',
		'w',
		'Quiet lane swimming hours with changing help available.'
	],
	[
		'Table Tennis Drop-in',
		'activity',
		['physical', 'social'],
		'local',
		'west',
		'free',
		's',
		'Come when you like; bats and balls to borrow.'
	],
	[
		'Allotment Growing Group',
		'group',
		['nature', 'social'],
		'local',
		'north',
		'free',
		'',
		'Grow vegetables together on a shared plot.'
	],
	[
		'Park Conservation Volunteers',
		'group',
		['nature', 'volunteering'],
		'local',
		'west',
		'free',
		'',
		'Planting, clearing paths and looking after the park.'
	],
	[
		'Birdwatching Mornings',
		'activity',
		['nature'],
		'local',
		'north',
		'free',
		's',
		'Binoculars provided; we walk slowly and quietly.'
	],
	[
		'Neighbourhood Food Share',
		'organisation',
		['volunteering', 'practical_help'],
		'local',
		'west',
		'free',
		'ws',
		'Sort and share surplus food; take some home too.'
	],
	[
		'Charity Shop Volunteering',
		'service',
		['volunteering', 'work_training'],
		'local',
		'north',
		'free',
		'ws',
		'A few hours a week in a calm, friendly shop.'
	],
	[
		'Interfaith Community Meals',
		'activity',
		['faith_culture', 'social'],
		'local',
		'west',
		'free',
		'wsh',
		'A shared meal open to everyone, of any faith or none.'
	],
	[
		'Museum Free Afternoons',
		'activity',
		['faith_culture', 'learning'],
		'local',
		'north',
		'free',
		'wsh',
		'Guided tours at a slow pace, with places to sit.'
	],
	[
		'Job Club',
		'service',
		['work_training'],
		'local',
		'west',
		'free',
		'ws',
		'CVs, applications and interview practice with support.'
	],
	[
		'Benefits and Debt Advice Desk',
		'service',
		['practical_help'],
		'local',
		'north',
		'free',
		'wsh',
		'Free, confidential advice on money, benefits and letters.'
	],
	[
		'Housing Help Drop-in',
		'service',
		['practical_help'],
		'local',
		'west',
		'free',
		'ws',
		'Help with tenancy problems, repairs and applications.'
	],
	[
		'Recovery Café',
		'group',
		['peer_support', 'social'],
		'local',
		'north',
		'free',
		'ws',
		'Run by people with lived experience; come for a coffee.'
	],
	[
		'Hearing Voices Group',
		'group',
		['peer_support'],
		'local',
		'west',
		'free',
		's',
		'A safe space to talk about voices and visions.'
	],
	[
		'Carers Coffee Morning',
		'group',
		['carer_support', 'social'],
		'local',
		'north',
		'free',
		'ws',
		'Time out and a chat for people caring for someone.'
	],
	[
		'Befriending Visits',
		'service',
		['befriending'],
		'local',
		'west',
		'free',
		'',
		'A volunteer visits or calls you each week for a chat.'
	],
	[
		'Wellbeing Information Point',
		'service',
		['health_info'],
		'local',
		'north',
		'free',
		'wsh',
		'Leaflets and a friendly person to answer questions.'
	],
	[
		'Mindful Breathing Class',
		'activity',
		['complementary', 'health_info'],
		'local',
		'west',
		'low',
		'ws',
		'Simple breathing and relaxation, sitting on chairs.'
	],
	[
		'National Peer Support Line',
		'service',
		['peer_support'],
		'national',
		null,
		'free',
		'',
		'Talk to someone with lived experience, evenings and weekends.'
	],
	[
		'Carers Association',
		'organisation',
		['carer_support', 'practical_help'],
		'national',
		null,
		'free',
		'',
		'Advice, rights and local groups for carers across the country.'
	],
	[
		'National Volunteering Bank',
		'organisation',
		['volunteering'],
		'national',
		null,
		'free',
		'',
		'Find volunteering that suits your time and interests.'
	],
	[
		'Telephone Befriending Network',
		'service',
		['befriending'],
		'national',
		null,
		'free',
		'',
		'A regular phone call with the same volunteer.'
	],
	[
		'Health Information Library',
		'service',
		['health_info', 'learning'],
		'national',
		null,
		'free',
		'',
		'Plain-language information about health and treatment.'
	],
	[
		'Outdoor Walking Federation',
		'organisation',
		['physical', 'nature'],
		'national',
		null,
		'low',
		'',
		'Walking groups of every pace, all over the country.'
	],
	[
		'Online Creative Writing Circle',
		'group',
		['creative', 'learning'],
		'online',
		null,
		'free',
		'',
		'Write to a weekly prompt and share if you want to.'
	],
	[
		'Online Peer Support Forum',
		'service',
		['peer_support', 'social'],
		'online',
		null,
		'free',
		'',
		'A moderated forum, open day and night.'
	],
	[
		'Video Carers Group',
		'group',
		['carer_support'],
		'online',
		null,
		'free',
		'',
		'Meet other carers by video, every second Tuesday.'
	],
	[
		'Learn from Home Courses',
		'service',
		['learning', 'work_training'],
		'online',
		null,
		'free',
		'',
		'Free short online courses at your own pace.'
	],
	[
		'Online Chair Exercise',
		'activity',
		['physical'],
		'online',
		null,
		'free',
		'',
		'Follow-along exercise sessions, seated.'
	],
	[
		'Virtual Museum Tours',
		'activity',
		['faith_culture', 'creative'],
		'online',
		null,
		'free',
		'',
		'Explore collections from home with a guide.'
	],
	[
		'Online Meditation Room',
		'activity',
		['complementary'],
		'online',
		null,
		'free',
		'',
		'Drop into a short guided meditation, camera off.'
	]
];

const centres = {
	north: { name: 'Nørrebro', lat: 55.6938, lon: 12.549, postcodes: ['2200'] },
	west: { name: 'Frederiksberg', lat: 55.6786, lon: 12.5322, postcodes: ['1800', '1820', '2000'] }
};

/** Seeds the directory and the demo member's interests and picks; the site is new, so once. */
export async function seedDemoResources({
	app,
	site,
	memberId
}: {
	app: App;
	site: Site;
	memberId: string;
}): Promise<void> {
	const today = dayOf(new Date(), site.timeZone);
	await app.db.transaction(async (tx) => {
		const areaIds: Record<'north' | 'west', string> = { north: '', west: '' };
		for (const key of ['north', 'west'] as const) {
			const [row] = await tx
				.insert(resourceAreas)
				.values({ siteId: site.id, ...centres[key] })
				.onConflictDoNothing()
				.returning({ id: resourceAreas.id });
			if (!row) return; // seeded before
			areaIds[key] = row.id;
		}
		const ids: string[] = [];
		for (const [
			i,
			[name, kind, categories, scope, area, cost, access, description]
		] of entries.entries()) {
			const centre = area ? centres[area] : null;
			// Spread the places a little around their area's centre.
			const offset = ((i % 5) - 2) * 0.004;
			const [row] = await tx
				.insert(resources)
				.values({
					siteId: site.id,
					name,
					kind,
					categories,
					scope,
					cost,
					descriptions: { en: description },
					address: centre ? `${10 + i} Example Street, ${centre.name}` : '',
					areaId: area ? areaIds[area] : null,
					lat: centre ? centre.lat + offset : null,
					lon: centre ? centre.lon - offset : null,
					openingTimes: scope === 'national' ? 'Every day 10:00–22:00' : 'Tuesdays 14:00–16:00',
					wheelchair: access.includes('w'),
					stepFree: access.includes('s') || access.includes('w'),
					hearingLoop: access.includes('h'),
					transport: centre ? 'Bus 5C, two minutes away' : '',
					languages: ['da', 'en'],
					contact: scope === 'online' ? '' : '+45 70 00 00 00 (example)',
					website: 'https://example.org/',
					// Two entries not checked for over a year, so the admin's Today shows them.
					lastCheckedOn: i % 20 === 3 ? addDays(today, -400) : addDays(today, -(i * 7))
				})
				.returning({ id: resources.id });
			if (row) ids.push(row.id);
		}
		await tx.insert(resourceInterests).values({
			siteId: site.id,
			userId: memberId,
			categories: ['creative', 'nature', 'peer_support'],
			maxCost: 'low',
			mode: 'either',
			company: 'with_someone',
			times: 'any',
			travel: 'public',
			maxDistanceKm: 10,
			areaId: areaIds.north
		});
		// Three picks: the first made 15 days ago, so its follow-up is waiting.
		const now = new Date();
		const picks = [
			{ resourceId: ids[0], at: new Date(now.getTime() - 15 * 86_400_000) },
			{ resourceId: ids[12], at: now },
			{ resourceId: ids[35], at: now }
		];
		for (const p of picks) {
			if (!p.resourceId) continue;
			const [pick] = await tx
				.insert(resourcePicks)
				.values({
					siteId: site.id,
					userId: memberId,
					resourceId: p.resourceId,
					pickedAt: p.at,
					followUpAt: followUpAt(p.at, 14, site)
				})
				.returning();
			if (pick) await scheduleFollowUp(tx, pick);
		}
	});
}
