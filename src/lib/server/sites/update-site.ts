import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { sites, type Site } from './sites.schema';
import { hasMembers } from './site-readiness';
import type { TUpdateSiteInput } from './site.validation';

const fields = [
	'name',
	'defaultLocale',
	'locales',
	'timeZone',
	'selfRegistration',
	'requireStaffSecondFactor',
	'allowRemoteContent',
	'companionshipMonths',
	'crisisContacts'
] as const;

/**
 * Saves the actor's own site's settings; the audit record names the fields that changed. A site
 * with members cannot empty its crisis contacts.
 */
export async function updateSite({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TUpdateSiteInput;
}): Promise<Site> {
	requireUseCase(actor, 'site.settings');
	const { id } = requireSite(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(sites).where(eq(sites.id, id)).limit(1).for('update');
		if (!before) throw new Error('the actor’s site vanished');
		// A site that admits members keeps at least one way to crisis help.
		if (input.crisisContacts.length === 0 && (await hasMembers(tx, id)))
			throw new AppError('invalid_input', { crisisContacts: 'err_crisis_keep_one' });
		const changed = fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(input[f]));
		const [site] = await tx
			.update(sites)
			.set({
				name: input.name,
				defaultLocale: input.defaultLocale,
				locales: input.locales,
				timeZone: input.timeZone,
				selfRegistration: input.selfRegistration,
				requireStaffSecondFactor: input.requireStaffSecondFactor,
				allowRemoteContent: input.allowRemoteContent,
				companionshipMonths: input.companionshipMonths,
				crisisContacts: input.crisisContacts,
				updatedAt: new Date()
			})
			.where(eq(sites.id, id))
			.returning();
		if (!site) throw new Error('update returned no row');
		await recordActorAudit(tx, actor, {
			siteId: id,
			action: 'site.update',
			entityType: 'site',
			entityId: id,
			details: { changed: changed.join(',') }
		});
		return site;
	});
}
