import { eq } from 'drizzle-orm';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAuditAlone } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { takeRateLimit } from './rate-limit';
import type { TRequestPasswordResetInput } from './recovery.validation';

/**
 * Mails a link to choose a new password when the address has an account. The caller answers the
 * same either way, so nobody learns which addresses have accounts.
 */
export async function requestPasswordReset({
	app,
	input,
	ip
}: {
	app: App;
	input: TRequestPasswordResetInput;
	ip: string | null;
}): Promise<void> {
	const allowed =
		(await takeRateLimit(app.db, {
			key: `reset-request:email:${input.email}`,
			max: 5,
			windowSeconds: 60 * 60
		})) &&
		(await takeRateLimit(app.db, {
			key: `reset-request:ip:${ip ?? 'unknown'}`,
			max: 20,
			windowSeconds: 15 * 60
		}));
	const [found] = await app.db
		.select({ id: user.id })
		.from(user)
		.where(eq(user.email, input.email))
		.limit(1);
	const userId = found?.id ?? null;
	await recordAuditAlone(app.db, {
		actorUserId: null,
		actingRole: null,
		siteId: null,
		action: 'account.password_reset_request',
		entityType: userId ? 'user' : null,
		entityId: userId,
		outcome: allowed ? 'success' : 'denied',
		ip,
		details: allowed ? { known: userId !== null } : { reason: 'rate_limited' }
	});
	if (!allowed) throw new AppError('rate_limited');
	await app.auth.api.requestPasswordReset({ body: { email: input.email } });
}
