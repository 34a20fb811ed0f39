import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, TEST_PASSWORD } from '../testing/factories';
import { actorFor, cookieHeader, signInCookie } from '../testing/auth-session';
import {
	confirmEnrolment,
	regenerateBackupCodes,
	startEnrolment,
	verifySignInCode
} from './second-factor';
import { signIn } from './sign-in';
import { session } from '../db/auth.schema';
import { AppError } from '../errors';

const codeFor = (secret: string) =>
	new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();

describe.each(dbKinds)('second factor enrolment on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('enrols with a code from the app, keeps the person signed in, then asks for a code at sign-in', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['professional'], { twoFactorEnabled: false });
		const first = await signInCookie(app, email);
		expect(first.twoFactorRedirect).toBe(false);
		const actor = await actorFor(app, first.cookie);
		expect(actor.needsSecondFactor).toBe(true);
		const headers = new Headers({ cookie: first.cookie });
		const [before] = await app.db.select().from(session).where(eq(session.id, actor.sessionId));

		await expect(
			startEnrolment({ app, actor, password: 'not-the-password', headers })
		).rejects.toMatchObject({ code: 'invalid_input', fields: { password: 'err_wrong_password' } });

		const enrolment = await startEnrolment({ app, actor, password: TEST_PASSWORD, headers });
		expect(enrolment.secret).toMatch(/^[A-Z2-7]+=*$/);
		expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
		expect(enrolment.backupCodes.length).toBeGreaterThan(0);

		await expect(confirmEnrolment({ app, actor, code: '000000', headers })).rejects.toBeInstanceOf(
			AppError
		);
		const out = await confirmEnrolment({ app, actor, code: codeFor(enrolment.secret), headers });

		// better-auth swaps the session for a new one; the new cookie signs the person in, with the
		// old absolute end time kept.
		const cookie = cookieHeader(out, first.cookie);
		const after = await actorFor(app, cookie);
		expect(after.userId).toBe(actor.userId);
		expect(after.sessionId).not.toBe(actor.sessionId);
		expect(after.twoFactorEnabled).toBe(true);
		expect(after.needsSecondFactor).toBe(false);
		const [renewed] = await app.db.select().from(session).where(eq(session.id, after.sessionId));
		expect(renewed?.expiresAt.getTime()).toBe(before?.expiresAt.getTime());
		expect(await app.auth.api.getSession({ headers })).toBeNull();

		await app.auth.api.signOut({ headers: new Headers({ cookie }) });
		expect(await app.auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();

		const again = await signIn({
			app,
			input: { email, password: TEST_PASSWORD },
			ip: '127.0.0.1',
			headers: new Headers()
		});
		expect(again.kind).toBe('second-factor');
		const pending = new Headers({ cookie: cookieHeader(again.headers) });
		await expect(
			verifySignInCode({ app, code: '000000', ip: '127.0.0.1', headers: pending })
		).rejects.toMatchObject({ fields: { code: 'err_code_wrong' } });
		const signedIn = await verifySignInCode({
			app,
			code: codeFor(enrolment.secret),
			ip: '127.0.0.1',
			headers: pending
		});
		const final = await actorFor(app, cookieHeader(signedIn));
		expect(final.userId).toBe(actor.userId);
		expect(final.needsSecondFactor).toBe(false);
	});

	it('signs in with a backup code once, and a new set of codes makes the old ones stop working', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['professional'], { twoFactorEnabled: false });
		const first = await signInCookie(app, email);
		const actor = await actorFor(app, first.cookie);
		const headers = new Headers({ cookie: first.cookie });
		const enrolment = await startEnrolment({ app, actor, password: TEST_PASSWORD, headers });
		const cookie = cookieHeader(
			await confirmEnrolment({ app, actor, code: codeFor(enrolment.secret), headers }),
			first.cookie
		);
		const enrolled = await actorFor(app, cookie);
		const [oldCode, spareCode] = enrolment.backupCodes;
		if (!oldCode || !spareCode) throw new Error('no backup codes');

		const pending = async () => {
			const r = await signIn({
				app,
				input: { email, password: TEST_PASSWORD },
				ip: '127.0.0.2',
				headers: new Headers()
			});
			expect(r.kind).toBe('second-factor');
			return new Headers({ cookie: cookieHeader(r.headers) });
		};
		const withBackup = async (code: string) =>
			verifySignInCode({ app, code, kind: 'backup', ip: '127.0.0.2', headers: await pending() });

		const signedIn = await actorFor(app, cookieHeader(await withBackup(oldCode)));
		expect(signedIn.userId).toBe(actor.userId);
		// Each code works once.
		await expect(withBackup(oldCode)).rejects.toMatchObject({
			fields: { backupCode: 'err_backup_code_wrong' }
		});

		const cookieHeaders = new Headers({ cookie });
		await expect(
			regenerateBackupCodes({ app, actor: enrolled, password: 'wrong', headers: cookieHeaders })
		).rejects.toMatchObject({ fields: { password: 'err_wrong_password' } });
		const fresh = await regenerateBackupCodes({
			app,
			actor: enrolled,
			password: TEST_PASSWORD,
			headers: cookieHeaders
		});
		expect(fresh).toHaveLength(enrolment.backupCodes.length);
		expect(fresh).not.toContain(spareCode);
		// The unused code of the old set is dead; one of the new set works.
		await expect(withBackup(spareCode)).rejects.toMatchObject({
			fields: { backupCode: 'err_backup_code_wrong' }
		});
		const again = await actorFor(app, cookieHeader(await withBackup(fresh[0] ?? '')));
		expect(again.userId).toBe(actor.userId);
	});
});
