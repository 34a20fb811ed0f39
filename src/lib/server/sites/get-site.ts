import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sites, type Site } from './sites.schema';

/** A site's public face (name, languages, crisis contacts): anyone may read it. */
export async function getSiteBySlug({ db, slug }: { db: Db; slug: string }): Promise<Site | null> {
	if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
	const [site] = await db.select().from(sites).where(eq(sites.slug, slug)).limit(1);
	return site ?? null;
}

/** The first site made on this platform: where a visitor lands who names no site. */
export async function getDefaultSite({ db }: { db: Db }): Promise<Site | null> {
	const [site] = await db.select().from(sites).orderBy(asc(sites.createdAt)).limit(1);
	return site ?? null;
}

/** Sites whose members may register themselves, for the landing page. */
export async function listOpenSites({ db }: { db: Db }): Promise<Pick<Site, 'slug' | 'name'>[]> {
	return (
		db
			.select({ slug: sites.slug, name: sites.name })
			.from(sites)
			// As takesSignUps: open, and ready (a crisis contact listed).
			.where(
				and(eq(sites.selfRegistration, true), sql`jsonb_array_length(${sites.crisisContacts}) > 0`)
			)
			.orderBy(asc(sites.name))
	);
}
