// The demo member's network map, so the map, its summary and a comparison can be tried at once:
// nine items today, and two snapshots (three months ago and last week) that differ. The map is
// shared with the demo carer, who has one suggestion waiting for the member. Runs only when the
// demo site is first made (seed-demo.ts), so it needs no checks of its own to stay idempotent.
import { randomUUID } from 'node:crypto';
import type { App } from '../app';
import type { Site } from '../sites/sites.schema';
import {
	networkItems,
	networkShares,
	networkSnapshots,
	networkSuggestions,
	type ContactFrequency,
	type NetworkKind
} from '../network/network.schema';
import { sealNetworkText } from '../network/network-text';
import { summarise } from '../network/network-summary';
import type { SnapshotItem } from '../network/snapshot-diff';

type Demo = {
	label: string;
	kind: NetworkKind;
	circle: number;
	contact: ContactFrequency;
	support: ('emotional' | 'practical' | 'illness')[];
	/** Circle three months ago; null: not on the map then. */
	before: number | null;
	wantMore?: boolean;
	usedToEnjoy?: boolean;
};

const items: Demo[] = [
	{
		label: 'Mum',
		kind: 'family',
		circle: 1,
		contact: 'daily',
		support: ['emotional', 'practical'],
		before: 1
	},
	{
		label: 'Jonas (brother)',
		kind: 'family',
		circle: 2,
		contact: 'monthly',
		support: [],
		before: 3,
		wantMore: true
	},
	{ label: 'Lea', kind: 'friend', circle: 1, contact: 'weekly', support: ['emotional'], before: 2 },
	{
		label: 'Biscuit the cat',
		kind: 'pet',
		circle: 1,
		contact: 'daily',
		support: ['emotional'],
		before: 1
	},
	{
		label: 'Care coordinator',
		kind: 'professional',
		circle: 2,
		contact: 'monthly',
		support: ['illness'],
		before: 2
	},
	{
		label: 'PEER course group',
		kind: 'group',
		circle: 2,
		contact: 'weekly',
		support: ['emotional', 'illness'],
		before: null
	},
	{
		label: 'Neighbour upstairs',
		kind: 'neighbour',
		circle: 3,
		contact: 'weekly',
		support: ['practical'],
		before: 3
	},
	{
		label: 'Swimming',
		kind: 'activity',
		circle: 3,
		contact: 'rarely',
		support: [],
		before: null,
		usedToEnjoy: true
	},
	{ label: 'The library', kind: 'place', circle: 3, contact: 'monthly', support: [], before: null }
];

export async function seedDemoNetwork({
	app,
	site,
	memberId,
	carerId
}: {
	app: App;
	site: Site;
	memberId: string;
	carerId: string;
}): Promise<void> {
	const secret = app.config.secret;
	const now = new Date();
	// Moments some days back; not calendar days, so no zone is involved.
	const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
	const rows = items.map((d, n) => ({ ...d, id: randomUUID(), createdAt: ago(90 - n) }));
	const snapshot = (at: Date, chosen: SnapshotItem[]) => {
		const id = randomUUID();
		const summary = summarise(
			chosen.map((c) => {
				const d = rows.find((r) => r.id === c.id);
				return {
					kind: c.kind,
					circle: c.circle,
					contact: d?.contact ?? 'monthly',
					emotional: d?.support.includes('emotional') ?? false,
					practical: d?.support.includes('practical') ?? false,
					illness: d?.support.includes('illness') ?? false
				};
			})
		);
		return {
			id,
			siteId: site.id,
			userId: memberId,
			takenAt: at,
			itemsEncrypted: sealNetworkText(
				secret,
				{ ownerId: memberId, table: 'snapshot', id },
				JSON.stringify(chosen)
			),
			size: summary.size,
			circlesFilled: summary.circlesFilled,
			emotional: summary.support.emotional,
			practical: summary.support.practical,
			illness: summary.support.illness,
			networkType: summary.type
		};
	};
	const then = rows.flatMap((r) =>
		r.before === null ? [] : [{ id: r.id, label: r.label, kind: r.kind, circle: r.before }]
	);
	// "Old friend from school" was on the map three months ago and is gone now.
	then.push({ id: randomUUID(), label: 'Old friend from school', kind: 'friend', circle: 3 });
	const current = rows.map((r) => ({ id: r.id, label: r.label, kind: r.kind, circle: r.circle }));
	await app.db.transaction(async (tx) => {
		await tx.insert(networkItems).values(
			rows.map((r) => ({
				id: r.id,
				siteId: site.id,
				userId: memberId,
				labelEncrypted: sealNetworkText(
					secret,
					{ ownerId: memberId, table: 'item', id: r.id },
					r.label
				),
				kind: r.kind,
				circle: r.circle,
				contact: r.contact,
				emotional: r.support.includes('emotional'),
				practical: r.support.includes('practical'),
				illness: r.support.includes('illness'),
				wantMore: r.wantMore ?? false,
				usedToEnjoy: r.usedToEnjoy ?? false,
				createdAt: r.createdAt,
				updatedAt: r.createdAt
			}))
		);
		await tx.insert(networkSnapshots).values([snapshot(ago(90), then), snapshot(ago(7), current)]);
		await tx
			.insert(networkShares)
			.values({ siteId: site.id, memberId, sharedWithUserId: carerId, createdAt: ago(30) });
		const suggestionId = randomUUID();
		await tx.insert(networkSuggestions).values({
			id: suggestionId,
			siteId: site.id,
			memberId,
			suggestedBy: carerId,
			labelEncrypted: sealNetworkText(
				secret,
				{ ownerId: memberId, table: 'suggestion', id: suggestionId },
				'Walking group on Sundays'
			),
			kind: 'group',
			circle: 3
		});
	});
}
