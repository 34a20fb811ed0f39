// A new site is ready before it opens: it admits members only once it lists crisis help, so no
// member ever meets a crisis page without a service to contact. Contacts are written in the
// site's default language (a contact carries no language of its own), so "at least one contact"
// is "at least one in the default language". The site admin's home lists what is missing.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { AppError, type MessageKey } from '../errors';
import { memberships } from '../people/people.schema';
import { sites, type Site } from './sites.schema';

export type ReadinessItem = 'crisis_contact';

/** What the site still lacks before it may admit members; empty when it is ready. */
export function missingBeforeOpening(site: Pick<Site, 'crisisContacts'>): ReadinessItem[] {
	return site.crisisContacts.length > 0 ? [] : ['crisis_contact'];
}

/** Whether people may create their own member accounts on the site now. */
export function takesSignUps(site: Pick<Site, 'selfRegistration' | 'crisisContacts'>): boolean {
	return site.selfRegistration && missingBeforeOpening(site).length === 0;
}

/**
 * Refuses to admit a member to a site that is not ready, with the reason next to `field`. Reads
 * the site inside the caller's transaction, locked against a concurrent edit emptying its list.
 */
export async function requireReadyToAdmit(
	tx: Tx | Db,
	siteId: string,
	field: string,
	message: MessageKey = 'err_site_not_ready'
): Promise<void> {
	const [site] = await tx
		.select({ crisisContacts: sites.crisisContacts })
		.from(sites)
		.where(eq(sites.id, siteId))
		.for('share');
	if (!site || missingBeforeOpening(site).length > 0)
		throw new AppError('invalid_input', { [field]: message });
}

/** Whether the site has members (any membership with the member role), for the edit guard. */
export async function hasMembers(tx: Tx, siteId: string): Promise<boolean> {
	const [row] = await tx
		.select({ id: memberships.id })
		.from(memberships)
		.where(and(eq(memberships.siteId, siteId), eq(memberships.role, 'member')))
		.limit(1);
	return !!row;
}
