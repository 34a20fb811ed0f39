import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, TEST_PASSWORD } from '../testing/factories';
import { signIn, type SignInResult } from './sign-in';
import { requestSignInUnlock, trustBrowser } from './unlock-sign-in';
import { ZSignInInput } from './account.validation';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { session } from '../db/auth.schema';

const cookieOf = (h: Headers) => h.get('set-cookie') ?? '';
const tokenOf = (h: Headers) => /kith\.session_token=([^;]+)/.exec(cookieOf(h))?.[1] ?? null;

describe.each(dbKinds)('signing in on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('creates a new session on every sign-in, and audits it', async () => {
		const site = await makeSite(app);
		const { email, userId } = await makePerson(app, site, ['member']);
		const input = ZSignInInput.parse({ email, password: TEST_PASSWORD });
		const first = await signIn({ app, input, ip: '10.0.0.1', headers: new Headers() });
		const second = await signIn({
			app,
			input,
			ip: '10.0.0.1',
			headers: new Headers({ cookie: cookieOf(first.headers) })
		});
		expect(first.kind).toBe('signed-in');
		expect(tokenOf(first.headers)).toBeTruthy();
		expect(tokenOf(second.headers)).not.toEqual(tokenOf(first.headers));
		const [audits] = await app.db
			.select({ n: count() })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.action, 'auth.sign_in'),
					eq(auditLog.entityId, userId),
					eq(auditLog.outcome, 'success')
				)
			);
		expect(audits?.n).toBe(2);
	});

	it('answers a wrong password and an unknown email the same way, and audits the failure', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const attempt = (e: string) =>
			signIn({
				app,
				input: ZSignInInput.parse({ email: e, password: 'wrong-password-1' }),
				ip: '10.0.0.2',
				headers: new Headers()
			}).catch((err: unknown) => err);
		const wrong = await attempt(email);
		const unknown = await attempt(`nobody-${Date.now()}@test.kith.local`);
		expect(wrong).toBeInstanceOf(AppError);
		expect(unknown).toEqual(wrong);
		expect((wrong as AppError).fields).toEqual({ password: 'err_bad_credentials' });
	});

	const attempt = (email: string, password: string, ip: string, deviceCookie?: string) =>
		signIn({
			app,
			input: ZSignInInput.parse({ email, password }),
			ip,
			headers: new Headers(),
			deviceCookie
		}).catch((e: unknown) => e);
	const refused = (r: unknown) => r instanceof AppError && r.code === 'rate_limited';

	it('never counts a right password: many sign-ins from one shared computer all succeed', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		for (let i = 0; i < limit * 2; i++) {
			const r = await attempt(email, TEST_PASSWORD, '10.1.2.3');
			expect(r).toMatchObject({ kind: 'signed-in' });
		}
	});

	it('pauses one client after the limit of wrong passwords, even with the right one, and only that client', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		for (let i = 0; i < limit; i++)
			expect(refused(await attempt(email, 'wrong-password-1', '10.1.0.1'))).toBe(false);
		const blocked = await attempt(email, TEST_PASSWORD, '10.1.0.1');
		expect(refused(blocked)).toBe(true);
		expect((blocked as AppError).fields).toEqual({ _: 'err_signin_paused' });
		// The owner, somewhere else, is not stopped by a stranger's guesses.
		expect(await attempt(email, TEST_PASSWORD, '10.1.0.2')).toMatchObject({ kind: 'signed-in' });
	});

	it('keeps the owner on a browser they signed in on before when guesses come from everywhere', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		const earlier = await attempt(email, TEST_PASSWORD, '10.3.0.1');
		const device = (earlier as SignInResult).deviceCookie;
		expect(device).toBeTruthy();
		// A stranger guesses from many addresses: sign-in from every unknown browser pauses.
		for (let i = 0; i < limit * 4; i++)
			await attempt(email, 'wrong-password-1', `10.3.${1 + Math.floor(i / limit)}.${i % limit}`);
		expect(refused(await attempt(email, TEST_PASSWORD, '10.3.9.9'))).toBe(true);
		// The owner's own browser still signs in, from any address.
		expect(await attempt(email, TEST_PASSWORD, '10.3.9.9', device)).toMatchObject({
			kind: 'signed-in'
		});
		// A device cookie made for another account, or altered, is no way round the pause.
		const other = await makePerson(app, site, ['member']);
		const theirs = (await attempt(other.email, TEST_PASSWORD, '10.3.9.8')) as SignInResult;
		expect(refused(await attempt(email, TEST_PASSWORD, '10.3.9.9', theirs.deviceCookie))).toBe(
			true
		);
		expect(refused(await attempt(email, TEST_PASSWORD, '10.3.9.9', `${device}x`))).toBe(true);
	});

	it('pauses a known browser after the limit of wrong passwords on it', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		const device = ((await attempt(email, TEST_PASSWORD, '10.4.0.1')) as SignInResult).deviceCookie;
		for (let i = 0; i < limit; i++) await attempt(email, 'wrong-password-1', '10.4.0.1', device);
		expect(refused(await attempt(email, TEST_PASSWORD, '10.4.0.1', device))).toBe(true);
	});

	it('pauses an address that guesses across many accounts, for the accounts it does not know', async () => {
		const site = await makeSite(app);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		const owner = await makePerson(app, site, ['member']);
		const device = ((await attempt(owner.email, TEST_PASSWORD, '10.5.0.1')) as SignInResult)
			.deviceCookie;
		for (let i = 0; i < limit * 6; i++)
			await attempt(`guess-${i}@test.kith.local`, 'wrong-password-1', '10.5.0.1');
		const fresh = await makePerson(app, site, ['member']);
		expect(refused(await attempt(fresh.email, TEST_PASSWORD, '10.5.0.1'))).toBe(true);
		expect(await attempt(owner.email, TEST_PASSWORD, '10.5.0.1', device)).toMatchObject({
			kind: 'signed-in'
		});
	});

	it('lets a paused owner make a new browser known through the link mailed to them', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		for (let i = 0; i < limit; i++) await attempt(email, 'wrong-password-1', '10.6.0.1');
		expect(refused(await attempt(email, TEST_PASSWORD, '10.6.0.1'))).toBe(true);
		await requestSignInUnlock({ app, input: { email }, ip: '10.6.0.1' });
		const mail = app.mailer.outbox?.(site.id).find((e) => e.to === email);
		const token = /token=([^\s]+)/.exec(mail?.text ?? '')?.[1];
		expect(token).toBeTruthy();
		const cookie = await trustBrowser({
			app,
			token: decodeURIComponent(token ?? ''),
			ip: '10.6.0.1',
			deviceCookie: undefined
		});
		expect(await attempt(email, TEST_PASSWORD, '10.6.0.1', cookie)).toMatchObject({
			kind: 'signed-in'
		});
		// A link altered or made for nobody is refused, and so is a request for an unknown address
		// answered the same as a known one.
		await expect(
			trustBrowser({ app, token: `${token}x`, ip: '10.6.0.1', deviceCookie: undefined })
		).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(
			requestSignInUnlock({
				app,
				input: { email: `nobody-${Date.now()}@test.kith.local` },
				ip: '10.6.0.2'
			})
		).resolves.toBeUndefined();
	});

	it('turns any input into a validation error or a clean refusal, never a crash or a session', async () => {
		const [before] = await app.db.select({ n: count() }).from(session);
		await fc.assert(
			fc.asyncProperty(fc.anything(), fc.anything(), async (email, password) => {
				const parsed = ZSignInInput.safeParse({ email, password });
				if (!parsed.success) return;
				const result = await signIn({
					app,
					input: parsed.data,
					ip: '10.9.9.9',
					headers: new Headers()
				}).catch((e: unknown) => e);
				expect(result).toBeInstanceOf(AppError);
			}),
			{ numRuns: 40 }
		);
		const [after] = await app.db.select({ n: count() }).from(session);
		expect(after?.n).toBe(before?.n);
	});
});

describe.each(dbKinds)('a turned-off account on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('cannot sign in, even with the right password', async () => {
		const site = await makeSite(app);
		const { email, userId } = await makePerson(app, site, ['member'], { session: false });
		const { user } = await import('../db/auth.schema');
		await app.db.update(user).set({ disabledAt: new Date() }).where(eq(user.id, userId));
		const result = await signIn({
			app,
			input: ZSignInInput.parse({ email, password: TEST_PASSWORD }),
			ip: '10.2.0.1',
			headers: new Headers()
		}).catch((e: unknown) => e);
		expect(result).toBeInstanceOf(AppError);
		const [sessions] = await app.db
			.select({ n: count() })
			.from(session)
			.where(eq(session.userId, userId));
		expect(sessions?.n).toBe(0);
	});
});
