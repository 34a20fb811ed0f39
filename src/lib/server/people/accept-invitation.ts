import { eq } from 'drizzle-orm';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { claimInvitation } from './claim-invitation';
import { invitations, memberships } from './people.schema';
import { sites } from '../sites/sites.schema';

/**
 * A signed-in person accepts an invitation sent to their own address: they gain the role on the
 * site (once, however often they accept) and the invitation is used up.
 */
export async function acceptInvitation({
	app,
	actor,
	token
}: {
	app: App;
	actor: Actor;
	token: string;
}): Promise<{ siteId: string; siteName: string }> {
	return app.db.transaction(async (tx) => {
		const invitation = await claimInvitation(tx, token);
		// Another account must not take up someone else's invitation; it looks like any bad link.
		if (invitation.email.toLowerCase() !== actor.email.toLowerCase()) throw notFound();
		await tx
			.insert(memberships)
			.values({ siteId: invitation.siteId, userId: actor.userId, role: invitation.role })
			.onConflictDoNothing();
		await tx
			.update(invitations)
			.set({ acceptedAt: new Date() })
			.where(eq(invitations.id, invitation.id));
		await recordActorAudit(tx, actor, {
			siteId: invitation.siteId,
			action: 'invitation.accept',
			entityType: 'invitation',
			entityId: invitation.id,
			details: { role: invitation.role, newAccount: false }
		});
		const [site] = await tx
			.select({ name: sites.name })
			.from(sites)
			.where(eq(sites.id, invitation.siteId));
		return { siteId: invitation.siteId, siteName: site?.name ?? '' };
	});
}
