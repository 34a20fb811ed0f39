import { APIError } from 'better-auth/api';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAuditAlone } from '../audit/record-audit';
import { knownDevice, signInThrottle, withKnownDevice } from './sign-in-throttle';
import type { TSignInInput } from './account.validation';

export type SignInResult = {
	kind: 'signed-in' | 'second-factor';
	headers: Headers;
	/** The browser's device cookie, now naming this account as one that signed in here. */
	deviceCookie: string;
};

/**
 * Checks a password. Wrong passwords are limited across every instance, in a way a stranger cannot
 * turn against the owner (sign-in-throttle.ts); success and failure are both audited, and the
 * answer never tells which part was wrong.
 */
export async function signIn({
	app,
	input,
	ip,
	headers,
	deviceCookie
}: {
	app: App;
	input: TSignInInput;
	ip: string | null;
	headers: Headers;
	/** The browser's device cookie, when it sent one. */
	deviceCookie?: string;
}): Promise<SignInResult> {
	const secret = app.config.secret;
	const throttle = signInThrottle(app.db, {
		email: input.email,
		ip,
		device: knownDevice(secret, deviceCookie, input.email),
		max: app.config.KITH_SIGNIN_LIMIT
	});
	const allowed = await throttle.allowed();
	const audit = (
		outcome: 'success' | 'failure' | 'denied',
		userId: string | null,
		reason?: string
	) =>
		recordAuditAlone(app.db, {
			actorUserId: userId,
			actingRole: null,
			siteId: null,
			action: 'auth.sign_in',
			entityType: 'user',
			entityId: userId,
			outcome,
			ip,
			details: reason ? { reason } : null
		});
	if (!allowed) {
		await audit('denied', null, 'rate_limited');
		throw new AppError('rate_limited', { _: 'err_signin_paused' });
	}
	try {
		const { headers: out, response } = await app.auth.api.signInEmail({
			body: { email: input.email, password: input.password, rememberMe: false },
			headers,
			returnHeaders: true
		});
		await throttle.succeeded();
		const known = withKnownDevice(secret, deviceCookie, input.email);
		if ('twoFactorRedirect' in response && response.twoFactorRedirect) {
			await audit('success', null, 'password_ok_second_factor_pending');
			return { kind: 'second-factor', headers: out, deviceCookie: known };
		}
		const userId = 'user' in response ? response.user.id : null;
		await audit('success', userId);
		return { kind: 'signed-in', headers: out, deviceCookie: known };
	} catch (e) {
		if (e instanceof APIError) {
			const unverified = e.body?.code === 'EMAIL_NOT_VERIFIED';
			if (!unverified) await throttle.failed();
			await audit('failure', null, unverified ? 'email_not_verified' : 'bad_credentials');
			throw new AppError('invalid_input', {
				password: unverified ? 'err_email_not_verified' : 'err_bad_credentials'
			});
		}
		throw e;
	}
}
