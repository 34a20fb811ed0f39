import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sites } from './sites.schema';

/** Every site's name and link to its crisis page: public by design. */
export async function listSitesWithCrisisHelp({
	db
}: {
	db: Db;
}): Promise<{ slug: string; name: string }[]> {
	return db.select({ slug: sites.slug, name: sites.name }).from(sites).orderBy(asc(sites.name));
}
