import type { Db } from '../db/client';
import type { Site } from './sites.schema';
import { listSitesWithCrisisHelp } from './list-crisis-sites';

/** What the crisis page shows: the site's contacts and where to find other services' contacts. */
export async function crisisPage({ db, site }: { db: Db; site: Site | null }) {
	return {
		crisis: site ? { name: site.name, slug: site.slug, contacts: site.crisisContacts } : null,
		otherSites: (await listSitesWithCrisisHelp({ db })).filter((s) => s.slug !== site?.slug)
	};
}
