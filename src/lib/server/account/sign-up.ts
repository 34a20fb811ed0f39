import { eq } from 'drizzle-orm';
import { APIError } from 'better-auth/api';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAudit, recordAuditAlone } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { memberships, profiles } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';
import { takesSignUps } from '../sites/site-readiness';
import { takeRateLimit } from './rate-limit';
import type { TSignUpInput } from './account.validation';

export type SignUpResult = 'sent' | 'closed';

/** better-auth refusals that mean "this address is taken": answered like a success. */
const takenCodes = new Set([
	'USER_ALREADY_EXISTS',
	'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL',
	'FAILED_TO_CREATE_USER'
]);

/**
 * Registers a person as a member of a site that takes sign-ups, and sends the link that confirms
 * their address. Whether the address already had an account is never told: both answer 'sent'.
 */
export async function signUp({
	app,
	site,
	input,
	ip
}: {
	app: App;
	site: Site;
	input: TSignUpInput;
	ip: string | null;
}): Promise<SignUpResult> {
	if (!takesSignUps(site)) return 'closed';
	if (
		!(await takeRateLimit(app.db, {
			key: `signup:ip:${ip ?? 'unknown'}`,
			max: 20,
			windowSeconds: 60 * 60
		}))
	) {
		throw new AppError('rate_limited');
	}
	const userId = await createUser(app, input);
	if (userId) {
		try {
			await app.db.transaction(async (tx) => {
				await tx.insert(memberships).values({ siteId: site.id, userId, role: 'member' });
				await tx.insert(profiles).values({ userId, displayName: input.name });
				await recordAudit(tx, {
					actorUserId: userId,
					actingRole: null,
					siteId: site.id,
					action: 'account.sign_up',
					entityType: 'user',
					entityId: userId,
					outcome: 'success',
					ip
				});
			});
			await sendVerification(app, input.email);
		} catch (e) {
			// No half-made accounts: memberships and the profile go with the user (on delete cascade).
			await app.db.delete(user).where(eq(user.id, userId));
			throw e;
		}
	} else {
		await recordAuditAlone(app.db, {
			actorUserId: null,
			actingRole: null,
			siteId: site.id,
			action: 'account.sign_up',
			outcome: 'failure',
			ip,
			details: { reason: 'email_taken' }
		});
		// Someone who never confirmed gets a fresh link; a confirmed account gets nothing. Both take
		// about as long as a real sign-up, so timing does not tell either.
		await sendVerification(app, input.email);
	}
	return 'sent';
}

/** The new user's id, or null when the address already belongs to an account. */
async function createUser(app: App, input: TSignUpInput): Promise<string | null> {
	try {
		const res = await app.auth.api.signUpEmail({
			body: { name: input.name, email: input.email, password: input.password }
		});
		// With verification required, better-auth answers a taken address with a made-up user.
		const [row] = await app.db
			.select({ id: user.id })
			.from(user)
			.where(eq(user.id, res.user.id))
			.limit(1);
		return row?.id ?? null;
	} catch (e) {
		if (!(e instanceof APIError)) throw e;
		const code = String(e.body?.code ?? '');
		if (takenCodes.has(code)) return null;
		if (code === 'PASSWORD_TOO_SHORT')
			throw new AppError('invalid_input', { password: 'err_password_short' });
		if (code === 'PASSWORD_TOO_LONG')
			throw new AppError('invalid_input', { password: 'err_password_long' });
		throw new AppError('invalid_input', { email: 'err_email' });
	}
}

async function sendVerification(app: App, email: string): Promise<void> {
	await app.auth.api.sendVerificationEmail({ body: { email } });
}
