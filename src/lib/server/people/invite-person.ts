import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { zEmail } from '../account/account.validation';
import { AppError } from '../errors';
import { m } from '../../paraglide/messages.js';
import { baseLocale, isLocale } from '../../paraglide/runtime.js';
import { findUserIdByEmail } from './create-account';
import { invitations, memberships, siteRoles } from './people.schema';
import { hashInvitationToken, newInvitationToken } from './invitation-token';
import { roleLabel } from './role-label';

export const INVITATION_DAYS = 7;

export const ZInvitePersonInput = z.object({
	email: zEmail,
	role: z.enum(siteRoles, 'err_role')
});
export type TInvitePersonInput = z.infer<typeof ZInvitePersonInput>;

/**
 * Invites someone by email to a role on the actor's site: stores only the token's hash and mails
 * the link in the site's default language. An earlier open invitation for the same email and role
 * is replaced, so "invite again" resends instead of piling up links.
 */
export async function invitePerson({
	app,
	actor,
	input
}: {
	app: App;
	actor: Actor | null;
	input: TInvitePersonInput;
}): Promise<{ invitationId: string }> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	const locale = isLocale(site.defaultLocale) ? site.defaultLocale : baseLocale;
	const token = newInvitationToken();
	const now = new Date();
	return app.db.transaction(async (tx) => {
		const existing = await findUserIdByEmail(tx, input.email);
		if (existing) {
			const [held] = await tx
				.select({ id: memberships.id })
				.from(memberships)
				.where(
					and(
						eq(memberships.siteId, site.id),
						eq(memberships.userId, existing),
						eq(memberships.role, input.role)
					)
				)
				.limit(1);
			if (held) throw new AppError('conflict', { email: 'err_already_member' });
		}
		await tx
			.update(invitations)
			.set({ revokedAt: now })
			.where(
				and(
					eq(invitations.siteId, site.id),
					eq(invitations.email, input.email),
					eq(invitations.role, input.role),
					isNull(invitations.acceptedAt),
					isNull(invitations.revokedAt)
				)
			);
		const [row] = await tx
			.insert(invitations)
			.values({
				siteId: site.id,
				email: input.email,
				role: input.role,
				tokenHash: hashInvitationToken(token),
				invitedBy: actor.userId,
				expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000)
			})
			.returning({ id: invitations.id });
		if (!row) throw new Error('insert returned no row');
		await recordActorAudit(tx, actor, {
			action: 'invitation.create',
			entityType: 'invitation',
			entityId: row.id,
			details: { role: input.role }
		});
		// Sent inside the transaction: if the mail cannot be handed over, no invitation exists.
		await app.mailer.send({
			to: input.email,
			siteId: site.id,
			subject: m.mail_invite_subject({ site: site.name }, { locale }),
			text: m.mail_invite_body(
				{
					site: site.name,
					role: roleLabel(input.role, locale),
					link: `${app.config.ORIGIN}/invite/${token}`
				},
				{ locale }
			)
		});
		return { invitationId: row.id };
	});
}
