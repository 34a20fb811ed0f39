import type { Db } from '../db/client';
import type { Site } from './sites.schema';
import { getSiteBySlug } from './get-site';
import { listSitesWithCrisisHelp, type CrisisSite } from './list-crisis-sites';
import { isDatabaseUnavailable } from '../db/unavailable';

/**
 * The sites and their contacts last read: read at start-up and on every crisis page, and shown
 * while the database cannot be reached, so crisis help never fails.
 */
let lastKnown: CrisisSite[] = [];

/** Reads every site's crisis contacts; the last list read when the database is away. */
export async function rememberCrisisContacts(db: Db): Promise<CrisisSite[]> {
	try {
		lastKnown = await listSitesWithCrisisHelp({ db });
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
	}
	return lastKnown;
}

type CrisisPage = {
	crisis: { name: string; slug: string; contacts: Site['crisisContacts'] } | null;
	otherSites: { slug: string; name: string }[];
};

function page(site: CrisisSite | null, all: CrisisSite[]): CrisisPage {
	return {
		crisis: site ? { name: site.name, slug: site.slug, contacts: site.contacts } : null,
		otherSites: all.filter((s) => s.slug !== site?.slug).map(({ slug, name }) => ({ slug, name }))
	};
}

/**
 * What the crisis page shows: the site's contacts and where to find other services' contacts.
 * It never fails for want of the database: it falls back to the contacts last read.
 */
export async function crisisPage({ db, site }: { db: Db; site: Site | null }): Promise<CrisisPage> {
	const all = await rememberCrisisContacts(db);
	return page(site && { slug: site.slug, name: site.name, contacts: site.crisisContacts }, all);
}

/**
 * The crisis page of the site at `slug`, or null when there is no such site. While the database
 * is away: the site's contacts last read, or the platform's emergency guidance and the other
 * sites when this instance never read them (never "not found" to a person looking for help).
 */
export async function crisisPageOf({
	db,
	slug
}: {
	db: Db;
	slug: string;
}): Promise<CrisisPage | null> {
	let site: Site | null;
	try {
		site = await getSiteBySlug({ db, slug });
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		return page(lastKnown.find((s) => s.slug === slug) ?? null, lastKnown);
	}
	return site && crisisPage({ db, site });
}
