import { APIError } from 'better-auth/api';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAuditAlone } from '../audit/record-audit';
import { takeRateLimit } from './rate-limit';
import type { TSignInInput } from './account.validation';

export type SignInResult = { kind: 'signed-in' | 'second-factor'; headers: Headers };

/**
 * Checks a password. Attempts are limited per address and per account across every instance;
 * success and failure are both audited, and the answer never tells which part was wrong.
 */
export async function signIn({
	app,
	input,
	ip,
	headers
}: {
	app: App;
	input: TSignInInput;
	ip: string | null;
	headers: Headers;
}): Promise<SignInResult> {
	const max = app.config.KITH_SIGNIN_LIMIT;
	const allowed =
		(await takeRateLimit(app.db, {
			key: `signin:email:${input.email}`,
			max,
			windowSeconds: 15 * 60
		})) &&
		(await takeRateLimit(app.db, {
			key: `signin:ip:${ip ?? 'unknown'}`,
			max: max * 6,
			windowSeconds: 15 * 60
		}));
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
		throw new AppError('rate_limited');
	}
	try {
		const { headers: out, response } = await app.auth.api.signInEmail({
			body: { email: input.email, password: input.password, rememberMe: false },
			headers,
			returnHeaders: true
		});
		if ('twoFactorRedirect' in response && response.twoFactorRedirect) {
			await audit('success', null, 'password_ok_second_factor_pending');
			return { kind: 'second-factor', headers: out };
		}
		const userId = 'user' in response ? response.user.id : null;
		await audit('success', userId);
		return { kind: 'signed-in', headers: out };
	} catch (e) {
		if (e instanceof APIError) {
			const unverified = e.body?.code === 'EMAIL_NOT_VERIFIED';
			await audit('failure', null, unverified ? 'email_not_verified' : 'bad_credentials');
			throw new AppError('invalid_input', {
				password: unverified ? 'err_email_not_verified' : 'err_bad_credentials'
			});
		}
		throw e;
	}
}
