import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { areasOf, resourcesOf, settingsOf, staleBefore } from './directory';

/** The site's whole directory for its admin: entries (stale ones marked), areas, settings. */
export async function listDirectory({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}) {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const [entries, areas, settings] = await Promise.all([
		resourcesOf(db, site.id),
		areasOf(db, site.id),
		settingsOf(db, site.id)
	]);
	const before = staleBefore(dayOf(now, siteZoneOf(site)), settings.staleAfterMonths);
	const areaName = new Map(areas.map((a) => [a.id, a.name]));
	return {
		settings,
		areas,
		entries: entries.map((r) => ({
			...r,
			areaName: r.areaId ? (areaName.get(r.areaId) ?? null) : null,
			stale: r.lastCheckedOn < before
		}))
	};
}

/** How many of the site's entries are stale (the site admin's Today card), without the entries. */
export async function countStaleResources({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<number> {
	const { entries } = await listDirectory({ db, actor, now });
	return entries.filter((e) => e.stale).length;
}
