import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordAuditBy } from '../audit/record-audit';
import type { Tx } from '../db/client';
import type { Site } from '../sites/sites.schema';
import { requireReadyToAdmit } from '../sites/site-readiness';
import { zEmail } from '../account/account.validation';
import { AppError } from '../errors';
import { m } from '../../paraglide/messages.js';
import { baseLocale, isLocale } from '../../paraglide/runtime.js';
import { findUserIdByEmail } from './create-account';
import { invitations, memberships, siteRoles, type SiteRole } from './people.schema';
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
 * is replaced, so "invite again" resends instead of piling up links. A member can be invited only
 * once the site lists crisis help.
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
	return app.db.transaction(async (tx) => {
		if (input.role === 'member') await requireReadyToAdmit(tx, site.id, 'role');
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
		const { invitationId } = await issueInvitation(tx, app, { site, ...input, by: actor });
		return { invitationId };
	});
}

/**
 * Stores an invitation to `role` on `site` (replacing an open one for the same email and role),
 * audits it on that site and mails the link in the site's default language. `by` is null for the
 * operator's command line. Runs in the caller's transaction, and mails inside it: if the mail
 * cannot be handed over, no invitation exists. Returns the link too, for the one case where
 * nobody could read it otherwise (a new site's first admin, without a mail server).
 */
export async function issueInvitation(
	tx: Tx,
	app: Pick<App, 'mailer' | 'config'>,
	{
		site,
		email,
		role,
		by
	}: {
		site: Pick<Site, 'id' | 'name' | 'defaultLocale'>;
		email: string;
		role: SiteRole;
		by: Actor | null;
	}
): Promise<{ invitationId: string; link: string }> {
	const locale = isLocale(site.defaultLocale) ? site.defaultLocale : baseLocale;
	const token = newInvitationToken();
	const now = new Date();
	await tx
		.update(invitations)
		.set({ revokedAt: now })
		.where(
			and(
				eq(invitations.siteId, site.id),
				eq(invitations.email, email),
				eq(invitations.role, role),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt)
			)
		);
	const [row] = await tx
		.insert(invitations)
		.values({
			siteId: site.id,
			email,
			role,
			tokenHash: hashInvitationToken(token),
			invitedBy: by?.userId ?? null,
			expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000)
		})
		.returning({ id: invitations.id });
	if (!row) throw new Error('insert returned no row');
	await recordAuditBy(tx, by, {
		siteId: site.id,
		action: 'invitation.create',
		entityType: 'invitation',
		entityId: row.id,
		details: { role }
	});
	const link = `${app.config.ORIGIN}/invite/${token}`;
	await app.mailer.send({
		to: email,
		siteId: site.id,
		subject: m.mail_invite_subject({ site: site.name }, { locale }),
		text: m.mail_invite_body({ site: site.name, role: roleLabel(role, locale), link }, { locale })
	});
	return { invitationId: row.id, link };
}
