import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordAuditBy } from '../audit/record-audit';
import { AppError } from '../errors';
import { sites, type Site } from './sites.schema';
import type { TCreateSiteInput } from './site.validation';
import { addStarterPhrases } from './starter-phrases';

/** Creates a site. Platform admins do this in the app; operators with `kith site:create` (actor null). */
export async function createSite({
	db,
	actor,
	input
}: {
	db: Db;
	/** null only for the operator's command line. */
	actor: Actor | null;
	input: TCreateSiteInput;
}): Promise<Site> {
	if (actor) requireUseCase(actor, 'platform.sites');
	return db.transaction((tx) => insertSite(tx, actor, input));
}

/** createSite inside the caller's transaction, for a use case that does more with the new site. */
export async function insertSite(
	tx: Tx,
	actor: Actor | null,
	input: TCreateSiteInput
): Promise<Site> {
	if (actor) requireUseCase(actor, 'platform.sites');
	const [taken] = await tx
		.select({ id: sites.id })
		.from(sites)
		.where(eq(sites.slug, input.slug))
		.limit(1);
	if (taken) throw new AppError('conflict', { slug: 'err_slug_taken' });
	const [site] = await tx
		.insert(sites)
		.values({
			slug: input.slug,
			name: input.name,
			defaultLocale: input.defaultLocale,
			locales: input.locales,
			timeZone: input.timeZone,
			selfRegistration: input.selfRegistration,
			requireStaffSecondFactor: input.requireStaffSecondFactor,
			allowRemoteContent: input.allowRemoteContent,
			companionshipMonths: input.companionshipMonths,
			isDemo: input.isDemo,
			crisisContacts: input.crisisContacts
		})
		.returning();
	if (!site) throw new Error('insert returned no row');
	// Every site starts with Kith's risk-phrase lists for its languages; its admins edit them.
	await addStarterPhrases(tx, { siteId: site.id, locales: site.locales });
	await recordAuditBy(tx, actor, {
		siteId: site.id,
		action: 'site.create',
		entityType: 'site',
		entityId: site.id
	});
	return site;
}
