import type { Db } from '../db/client';
import type { ShownCrisisContact } from '../../types';
import type { Site } from './sites.schema';
import { getSiteBySlug } from './get-site';
import { crisisContactsIn } from './crisis-contacts';
import { isDatabaseUnavailable } from '../db/unavailable';
import { lastKnownSiteAt, rememberSites } from './last-known-sites';

type CrisisPage = {
	crisis: { name: string; slug: string; contacts: ShownCrisisContact[] } | null;
	otherSites: { slug: string; name: string }[];
};

function page(site: Site | null, all: Site[], locale: string): CrisisPage {
	return {
		crisis: site && {
			name: site.name,
			slug: site.slug,
			contacts: crisisContactsIn(site.crisisContacts, locale, site.defaultLocale)
		},
		otherSites: all.filter((s) => s.slug !== site?.slug).map(({ slug, name }) => ({ slug, name }))
	};
}

/**
 * What the crisis page shows: the site's contacts in the reader's language (as far as the site
 * wrote them) and where to find other services' contacts. It never fails for want of the
 * database: it falls back to the sites last read.
 */
export async function crisisPage({
	db,
	site,
	locale
}: {
	db: Db;
	site: Site | null;
	locale: string;
}): Promise<CrisisPage> {
	return page(site, await rememberSites(db), locale);
}

/**
 * The crisis page of the site at `slug`, or null when there is no such site. While the database
 * is away: the site's contacts last read, or the platform's emergency guidance and the other
 * sites when this instance never read them (never "not found" to a person looking for help).
 */
export async function crisisPageOf({
	db,
	slug,
	locale
}: {
	db: Db;
	slug: string;
	locale: string;
}): Promise<CrisisPage | null> {
	let site: Site | null;
	try {
		site = await getSiteBySlug({ db, slug });
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		return page(lastKnownSiteAt(slug), await rememberSites(db), locale);
	}
	return site && crisisPage({ db, site, locale });
}
