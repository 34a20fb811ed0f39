import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { notFound } from '../errors';
import { hashInvitationToken } from './invitation-token';
import { invitations } from './people.schema';
import { zInvitationToken } from './invitation.validation';
import { requireReadyToAdmit } from '../sites/site-readiness';

export type OpenInvitation = typeof invitations.$inferSelect;

/**
 * Locks an invitation that can still be accepted, inside the caller's transaction, so two tabs
 * accepting at once cannot both succeed. Expired, withdrawn, used and unknown all answer not found;
 * an invitation to be a member of a site that is not ready is refused with the reason.
 */
export async function claimInvitation(tx: Tx, token: string): Promise<OpenInvitation> {
	if (!zInvitationToken.safeParse(token).success) throw notFound();
	const [invitation] = await tx
		.select()
		.from(invitations)
		.where(
			and(
				eq(invitations.tokenHash, hashInvitationToken(token)),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		)
		.limit(1)
		.for('update');
	if (!invitation) throw notFound();
	// A member joins only a site that lists crisis help (its admin may have emptied the list).
	if (invitation.role === 'member') await requireReadyToAdmit(tx, invitation.siteId, '_');
	return invitation;
}
