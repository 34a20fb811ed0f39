import { z } from 'zod';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { zEmail } from '../account/account.validation';
import { insertSite } from '../sites/create-site';
import { defaultOffered, gatherCrisisWords, newSiteFields } from '../sites/site.validation';
import type { Site } from '../sites/sites.schema';
import { issueInvitation } from './invite-person';

/** A new site and the e-mail address of its first site admin. */
export const ZOpenSiteInput = z
	.object({ ...newSiteFields, firstAdminEmail: zEmail })
	.refine(...defaultOffered)
	.transform(gatherCrisisWords);
export type TOpenSiteInput = z.infer<typeof ZOpenSiteInput>;

/**
 * Creates a site with its first site admin invited by e-mail, in one transaction: a site is
 * never left without someone who can run it, and if the invitation cannot be mailed no site is
 * made. The platform admin in the app, the operator on the command line (actor null).
 *
 * Without a mail server the invitation waits in the new site's outbox, which only its admins
 * may read: then `handOver` is the link, shown once to whoever opened the site to pass on.
 */
export async function openSite({
	app,
	actor,
	input
}: {
	app: App;
	actor: Actor | null;
	input: TOpenSiteInput;
}): Promise<{ site: Site; invitationId: string; handOver: string | null }> {
	if (actor) requireUseCase(actor, 'platform.sites');
	const { firstAdminEmail, ...fields } = input;
	return app.db.transaction(async (tx) => {
		const site = await insertSite(tx, actor, fields);
		const { invitationId, link } = await issueInvitation(tx, app, {
			site,
			email: firstAdminEmail,
			role: 'site_admin',
			by: actor
		});
		return { site, invitationId, handOver: app.mailer.outbox ? link : null };
	});
}
