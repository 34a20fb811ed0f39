import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { isDatabaseUnavailable } from '../db/unavailable';
import { sites, type Site } from './sites.schema';

/**
 * The sites last read, by slug: read at start-up and kept fresh by every request and crisis page.
 * While the database cannot be reached, the crisis pages answer from them (their languages and
 * crisis contacts), so crisis help never fails. The one cache of sites: a few rows per platform.
 */
const known = new Map<string, Site>();

const byCreation = (a: Site, b: Site) => a.createdAt.getTime() - b.createdAt.getTime();

/** Notes a site just read. */
export function rememberSite(site: Site): void {
	known.set(site.slug, site);
}

/** Reads every site (public by design: names, languages, crisis contacts); the last read when the database is away. */
export async function rememberSites(db: Db): Promise<Site[]> {
	try {
		const all = await db.select().from(sites).orderBy(asc(sites.name));
		known.clear();
		for (const site of all) known.set(site.slug, site);
		return all;
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		return lastKnownSites();
	}
}

/** Every site last read, by name. */
export function lastKnownSites(): Site[] {
	return [...known.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The site at `slug` as last read, else (no slug, or one not known) the platform's first site. */
export function lastKnownSite(slug: string | undefined): Site | null {
	const named = slug ? known.get(slug) : undefined;
	return named ?? [...known.values()].sort(byCreation)[0] ?? null;
}

/** The site at `slug` as last read, or null. */
export const lastKnownSiteAt = (slug: string): Site | null => known.get(slug) ?? null;
