import { eq } from 'drizzle-orm';
import type { App } from '../app';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { signIn, type SignInResult } from '../account/sign-in';
import { claimInvitation } from './claim-invitation';
import { createVerifiedAccount, findUserIdByEmail } from './create-account';
import { invitations, memberships } from './people.schema';
import type { TAcceptInvitationNewAccountInput } from './invitation.validation';

/**
 * Someone without an account accepts an invitation: the account (already verified, since the
 * link reached the address), the role and the used-up invitation are written together, then they
 * are signed in. Null when the sign-in itself was refused (e.g. rate limit): they sign in by hand.
 */
export async function acceptInvitationWithNewAccount({
	app,
	token,
	input,
	ip,
	headers
}: {
	app: App;
	token: string;
	input: TAcceptInvitationNewAccountInput;
	ip: string | null;
	headers: Headers;
}): Promise<SignInResult | null> {
	const email = await app.db.transaction(async (tx) => {
		const invitation = await claimInvitation(tx, token);
		const address = invitation.email.toLowerCase();
		if (await findUserIdByEmail(tx, address)) {
			throw new AppError('conflict', { email: 'err_email_taken' });
		}
		const userId = await createVerifiedAccount({
			app,
			tx,
			email: address,
			name: input.name,
			password: input.password
		});
		await tx
			.insert(memberships)
			.values({ siteId: invitation.siteId, userId, role: invitation.role });
		await tx
			.update(invitations)
			.set({ acceptedAt: new Date() })
			.where(eq(invitations.id, invitation.id));
		await recordAudit(tx, {
			actorUserId: userId,
			actingRole: invitation.role,
			siteId: invitation.siteId,
			action: 'invitation.accept',
			entityType: 'invitation',
			entityId: invitation.id,
			outcome: 'success',
			ip,
			details: { role: invitation.role, newAccount: true }
		});
		return address;
	});
	try {
		return await signIn({ app, input: { email, password: input.password }, ip, headers });
	} catch (e) {
		if (e instanceof AppError) return null;
		throw e;
	}
}
