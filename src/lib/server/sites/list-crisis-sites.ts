import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sites, type Site } from './sites.schema';

export type CrisisSite = Pick<Site, 'slug' | 'name'> & { contacts: Site['crisisContacts'] };

/** Every site's name, link and crisis contacts: public by design. */
export async function listSitesWithCrisisHelp({ db }: { db: Db }): Promise<CrisisSite[]> {
	return db
		.select({ slug: sites.slug, name: sites.name, contacts: sites.crisisContacts })
		.from(sites)
		.orderBy(asc(sites.name));
}
