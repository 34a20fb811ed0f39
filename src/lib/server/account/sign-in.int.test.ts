import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, TEST_PASSWORD } from '../testing/factories';
import { signIn } from './sign-in';
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

	it('refuses further attempts on an account after the limit, even with the right password', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		const limit = app.config.KITH_SIGNIN_LIMIT;
		for (let i = 0; i < limit; i++) {
			await signIn({
				app,
				input: ZSignInInput.parse({ email, password: 'wrong-password-1' }),
				ip: `10.1.0.${i}`,
				headers: new Headers()
			}).catch(() => undefined);
		}
		const blocked = await signIn({
			app,
			input: ZSignInInput.parse({ email, password: TEST_PASSWORD }),
			ip: '10.1.1.1',
			headers: new Headers()
		}).catch((e: unknown) => e);
		expect(blocked).toBeInstanceOf(AppError);
		expect((blocked as AppError).code).toBe('rate_limited');
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
