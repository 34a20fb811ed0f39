import type { Db } from '../db/client';
import type { Site } from './sites.schema';
import { listSitesWithCrisisHelp } from './list-crisis-sites';
import { isDatabaseUnavailable } from '../db/unavailable';

type CrisisSites = Awaited<ReturnType<typeof listSitesWithCrisisHelp>>;
/** The list last read: shown while the database cannot be reached, so crisis help never fails. */
let lastKnown: CrisisSites = [];

/**
 * What the crisis page shows: the site's contacts and where to find other services' contacts.
 * It never fails for want of the database: it falls back to the contacts last read.
 */
export async function crisisPage({ db, site }: { db: Db; site: Site | null }) {
	let others: CrisisSites;
	try {
		others = await listSitesWithCrisisHelp({ db });
		lastKnown = others;
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		others = lastKnown;
	}
	return {
		crisis: site ? { name: site.name, slug: site.slug, contacts: site.crisisContacts } : null,
		otherSites: others.filter((s) => s.slug !== site?.slug)
	};
}
