// Reading the directory of the actor's site: shared by the admin's pages, matching and the CSV.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { addMonthsToDay } from '../dates/calendar';
import { resourceAreas, resources, resourceSettings, type Resource } from './resources.schema';

export const DEFAULT_STALE_MONTHS = 12;

export const DEFAULT_FOLLOW_UP_DAYS = 14;

/** The site's directory settings, or the defaults. */
export async function settingsOf(
	db: Db | Tx,
	siteId: string
): Promise<{ staleAfterMonths: number; followUpDays: number }> {
	const [row] = await db
		.select({
			staleAfterMonths: resourceSettings.staleAfterMonths,
			followUpDays: resourceSettings.followUpDays
		})
		.from(resourceSettings)
		.where(eq(resourceSettings.siteId, siteId));
	return row ?? { staleAfterMonths: DEFAULT_STALE_MONTHS, followUpDays: DEFAULT_FOLLOW_UP_DAYS };
}

/** The day before which an entry last checked counts as stale. */
export const staleBefore = (today: string, months: number): string =>
	addMonthsToDay(today, -months);

export const areasOf = (db: Db | Tx, siteId: string) =>
	db
		.select()
		.from(resourceAreas)
		.where(eq(resourceAreas.siteId, siteId))
		.orderBy(asc(resourceAreas.name));

export const resourcesOf = (db: Db | Tx, siteId: string): Promise<Resource[]> =>
	db
		.select()
		.from(resources)
		.where(eq(resources.siteId, siteId))
		.orderBy(asc(resources.name), asc(resources.id));

export async function resourceOf(db: Db | Tx, siteId: string, id: string) {
	const [row] = await db
		.select()
		.from(resources)
		.where(and(eq(resources.siteId, siteId), eq(resources.id, id)));
	return row ?? null;
}
