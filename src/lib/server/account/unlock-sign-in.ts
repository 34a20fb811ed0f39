import { eq } from 'drizzle-orm';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAuditAlone } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { mailSignInUnlock } from '../mail/auth-mails';
import { takeRateLimit } from './rate-limit';
import { emailOfUnlockToken, unlockToken, withKnownDevice } from './sign-in-throttle';
import type { TRequestPasswordResetInput as TRequestUnlockInput } from './recovery.validation';

const findUser = async (app: App, email: string) =>
	(
		await app.db
			.select({ id: user.id, email: user.email })
			.from(user)
			.where(eq(user.email, email))
			.limit(1)
	)[0] ?? null;

/**
 * Mails the owner of an address a link that lets the browser opening it sign in despite the
 * sign-in limits. The caller answers the same whether or not the address has an account.
 */
export async function requestSignInUnlock({
	app,
	input,
	ip
}: {
	app: App;
	input: TRequestUnlockInput;
	ip: string | null;
}): Promise<void> {
	const allowed =
		(await takeRateLimit(app.db, {
			key: `unlock-request:email:${input.email}`,
			max: 3,
			windowSeconds: 60 * 60
		})) &&
		(await takeRateLimit(app.db, {
			key: `unlock-request:ip:${ip ?? 'unknown'}`,
			max: 20,
			windowSeconds: 15 * 60
		}));
	const found = await findUser(app, input.email);
	await recordAuditAlone(app.db, {
		actorUserId: null,
		actingRole: null,
		siteId: null,
		action: 'auth.sign_in_unlock_request',
		entityType: found ? 'user' : null,
		entityId: found?.id ?? null,
		outcome: allowed ? 'success' : 'denied',
		ip,
		details: allowed ? { known: found !== null } : { reason: 'rate_limited' }
	});
	if (!allowed) throw new AppError('rate_limited');
	if (found)
		await mailSignInUnlock(
			{ db: app.db, mailer: app.mailer, origin: app.config.ORIGIN },
			found,
			unlockToken(app.config.secret, found.email)
		);
}

/**
 * Makes this browser a known device for the account an unlock link was sent to: its sign-in
 * attempts then count against it alone. Returns the new device cookie.
 */
export async function trustBrowser({
	app,
	token,
	ip,
	deviceCookie
}: {
	app: App;
	token: string;
	ip: string | null;
	deviceCookie: string | undefined;
}): Promise<string> {
	const email = emailOfUnlockToken(app.config.secret, token);
	const found = email ? await findUser(app, email) : null;
	await recordAuditAlone(app.db, {
		actorUserId: null,
		actingRole: null,
		siteId: null,
		action: 'auth.device_trusted',
		entityType: found ? 'user' : null,
		entityId: found?.id ?? null,
		outcome: found ? 'success' : 'denied',
		ip,
		details: found ? null : { reason: 'invalid_link' }
	});
	if (!found) throw new AppError('invalid_input', { _: 'err_unlock_link' });
	return withKnownDevice(app.config.secret, deviceCookie, found.email);
}
