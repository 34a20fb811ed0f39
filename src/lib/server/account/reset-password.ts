import { APIError } from 'better-auth/api';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAuditAlone } from '../audit/record-audit';
import { takeRateLimit } from './rate-limit';
import type { TResetPasswordInput } from './recovery.validation';

/**
 * Sets a new password with the token from a reset mail. The token works once; every session of the
 * account ends (better-auth is configured to revoke them), so a thief who had one is out.
 */
export async function resetPassword({
	app,
	input,
	ip
}: {
	app: App;
	input: TResetPasswordInput;
	ip: string | null;
}): Promise<void> {
	if (
		!(await takeRateLimit(app.db, {
			key: `reset:ip:${ip ?? 'unknown'}`,
			max: 20,
			windowSeconds: 15 * 60
		}))
	) {
		throw new AppError('rate_limited');
	}
	// Read before the reset consumes it: the audit record names whose password changed.
	const ctx = await app.auth.$context;
	const pending = await ctx.internalAdapter.findVerificationValue(`reset-password:${input.token}`);
	const userId = pending && pending.expiresAt > new Date() ? pending.value : null;
	const audit = (outcome: 'success' | 'failure') =>
		recordAuditAlone(app.db, {
			actorUserId: outcome === 'success' ? userId : null,
			actingRole: null,
			siteId: null,
			action: 'account.password_reset',
			entityType: outcome === 'success' ? 'user' : null,
			entityId: outcome === 'success' ? userId : null,
			outcome,
			ip
		});
	try {
		await app.auth.api.resetPassword({
			body: { newPassword: input.newPassword, token: input.token }
		});
	} catch (e) {
		if (!(e instanceof APIError)) throw e;
		await audit('failure');
		const code = String(e.body?.code ?? '');
		if (code === 'PASSWORD_TOO_SHORT')
			throw new AppError('invalid_input', { newPassword: 'err_password_short' });
		if (code === 'PASSWORD_TOO_LONG')
			throw new AppError('invalid_input', { newPassword: 'err_password_long' });
		throw new AppError('invalid_input', { token: 'reset_failed' });
	}
	await audit('success');
}
