import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { user } from '../db/auth.schema';
import { sites } from '../sites/sites.schema';
import { hashInvitationToken } from './invitation-token';
import { invitations, type SiteRole } from './people.schema';
import { zInvitationToken } from './invitation.validation';

export type InvitationView =
	| { kind: 'invalid' }
	| {
			/** create: no account yet; accept: signed in as the invited address; signin: has an account. */
			kind: 'create' | 'accept' | 'signin' | 'wrong-account';
			siteName: string;
			role: SiteRole;
			email: string;
	  };

/**
 * What the holder of an invitation link may do next. Anyone with the link sees the site, role and
 * invited address: the link itself went only to that address.
 */
export async function findInvitation({
	db,
	actor,
	token
}: {
	db: Db;
	actor: Actor | null;
	token: string;
}): Promise<InvitationView> {
	if (!zInvitationToken.safeParse(token).success) return { kind: 'invalid' };
	const [row] = await db
		.select({ email: invitations.email, role: invitations.role, siteName: sites.name })
		.from(invitations)
		.innerJoin(sites, eq(sites.id, invitations.siteId))
		.where(
			and(
				eq(invitations.tokenHash, hashInvitationToken(token)),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		)
		.limit(1);
	if (!row) return { kind: 'invalid' };
	const email = row.email.toLowerCase();
	const view = { siteName: row.siteName, role: row.role, email };
	if (actor) {
		return { ...view, kind: actor.email.toLowerCase() === email ? 'accept' : 'wrong-account' };
	}
	const [existing] = await db
		.select({ id: user.id })
		.from(user)
		.where(eq(user.email, email))
		.limit(1);
	return { ...view, kind: existing ? 'signin' : 'create' };
}
