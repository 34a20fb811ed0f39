import { renderSVG } from 'uqr';
import { APIError } from 'better-auth/api';
import { parseSetCookieHeader } from 'better-auth/cookies';
import { and, eq } from 'drizzle-orm';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { recordActorAuditAlone, recordAuditAlone } from '../audit/record-audit';
import { takeRateLimit } from './rate-limit';
import { session } from '../db/auth.schema';

/** The session token better-auth just set, from its signed cookie ("token.signature"). */
function newSessionToken(headers: Headers): string | null {
	const setCookie = headers.get('set-cookie');
	if (!setCookie) return null;
	for (const [name, { value }] of parseSetCookieHeader(setCookie))
		if (name.endsWith('session_token') && value)
			return decodeURIComponent(value).split('.')[0] ?? null;
	return null;
}

/**
 * Second step of signing in: the code from the person's authenticator app, or one of their
 * backup codes (each works once) when the phone is lost.
 */
export async function verifySignInCode({
	app,
	code,
	kind = 'app',
	ip,
	headers
}: {
	app: App;
	code: string;
	kind?: 'app' | 'backup';
	ip: string | null;
	headers: Headers;
}): Promise<Headers> {
	if (
		!(await takeRateLimit(app.db, {
			key: `totp:ip:${ip ?? 'unknown'}`,
			max: 10,
			windowSeconds: 15 * 60
		}))
	) {
		throw new AppError('rate_limited');
	}
	const step = kind === 'app' ? 'second_factor' : 'backup_code';
	try {
		const { headers: out, response } =
			kind === 'app'
				? await app.auth.api.verifyTOTP({
						body: { code, trustDevice: false },
						headers,
						returnHeaders: true
					})
				: await app.auth.api.verifyBackupCode({
						body: { code, trustDevice: false },
						headers,
						returnHeaders: true
					});
		const userId = response.user.id;
		await recordAuditAlone(app.db, {
			actorUserId: userId,
			actingRole: null,
			siteId: null,
			action: 'auth.sign_in',
			entityType: 'user',
			entityId: userId,
			outcome: 'success',
			ip,
			details: { step }
		});
		return out;
	} catch (e) {
		if (e instanceof APIError) {
			await recordAuditAlone(app.db, {
				actorUserId: null,
				actingRole: null,
				siteId: null,
				action: 'auth.sign_in',
				outcome: 'failure',
				ip,
				details: { step }
			});
			throw new AppError(
				'invalid_input',
				kind === 'app' ? { code: 'err_code_wrong' } : { backupCode: 'err_backup_code_wrong' }
			);
		}
		throw e;
	}
}

export type Enrolment = {
	secret: string;
	uri: string;
	backupCodes: string[];
	/** The otpauth link as a QR code (SVG markup made here, nothing from the person in it). */
	qrSvg: string;
};

/** The QR code an authenticator app scans; drawn on the server so the page needs no script. */
export const qrCodeOf = (uri: string): string => renderSVG(uri, { border: 2 });

/** Starts setting up an authenticator app; the password proves it is the account holder. */
export async function startEnrolment({
	app,
	actor,
	password,
	headers
}: {
	app: App;
	actor: Actor;
	password: string;
	headers: Headers;
}): Promise<Enrolment> {
	try {
		const res = await app.auth.api.enableTwoFactor({ body: { password, issuer: 'Kith' }, headers });
		if (!('totpURI' in res)) throw new AppError('invalid_input', { password: 'err_invalid' });
		const secret = new URL(res.totpURI).searchParams.get('secret') ?? '';
		await recordActorAuditAlone(app.db, actor, {
			action: 'auth.second_factor_start',
			entityType: 'user',
			entityId: actor.userId
		});
		return { secret, uri: res.totpURI, backupCodes: res.backupCodes, qrSvg: qrCodeOf(res.totpURI) };
	} catch (e) {
		if (e instanceof APIError)
			throw new AppError('invalid_input', { password: 'err_wrong_password' });
		throw e;
	}
}

/** Finishes enrolment with a first code from the app; from now on sign-in asks for a code. */
export async function confirmEnrolment({
	app,
	actor,
	code,
	headers
}: {
	app: App;
	actor: Actor;
	code: string;
	headers: Headers;
}): Promise<Headers> {
	const [current] = await app.db
		.select({ expiresAt: session.expiresAt })
		.from(session)
		.where(eq(session.id, actor.sessionId))
		.limit(1);
	try {
		const { headers: out } = await app.auth.api.verifyTOTP({
			body: { code },
			headers,
			returnHeaders: true
		});
		// better-auth replaces the session on enabling (new token, fresh 12 h). Keep the old end time:
		// turning on a second factor must not stretch the absolute session lifetime.
		const token = newSessionToken(out);
		if (current && token)
			await app.db
				.update(session)
				.set({ expiresAt: current.expiresAt })
				.where(and(eq(session.token, token), eq(session.userId, actor.userId)));
		await recordActorAuditAlone(app.db, actor, {
			action: 'auth.second_factor_enabled',
			entityType: 'user',
			entityId: actor.userId
		});
		return out;
	} catch (e) {
		if (e instanceof APIError) throw new AppError('invalid_input', { code: 'err_code_wrong' });
		throw e;
	}
}

/**
 * A new set of backup codes for someone who has a second factor on; the old set stops working at
 * once. The password proves it is the account holder. The codes are shown once and never logged.
 */
export async function regenerateBackupCodes({
	app,
	actor,
	password,
	headers
}: {
	app: App;
	actor: Actor;
	password: string;
	headers: Headers;
}): Promise<string[]> {
	if (!actor.twoFactorEnabled) throw new AppError('invalid_input', { password: 'err_invalid' });
	try {
		const { backupCodes } = await app.auth.api.generateBackupCodes({
			body: { password },
			headers
		});
		await recordActorAuditAlone(app.db, actor, {
			action: 'auth.backup_codes_renewed',
			entityType: 'user',
			entityId: actor.userId,
			details: { count: backupCodes.length }
		});
		return backupCodes;
	} catch (e) {
		if (e instanceof APIError)
			throw new AppError('invalid_input', { password: 'err_wrong_password' });
		throw e;
	}
}
