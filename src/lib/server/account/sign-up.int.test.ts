import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makeSite, rand } from '../testing/factories';
import { user } from '../db/auth.schema';
import { auditLog } from '../audit/audit.schema';
import { memberships, profiles } from '../people/people.schema';
import { AppError } from '../errors';
import { ZSignUpInput } from './account.validation';
import { signUp } from './sign-up';
import { signIn } from './sign-in';
import { verifyEmail } from './verify-email';

const PASSWORD = 'a-long-enough-password';

/** The token in the newest mail to `to` that links to `path`. */
function tokenFromOutbox(app: TestApp, siteId: string, to: string, path: string) {
	const mail = app.mailer.outbox?.(siteId).find((m) => m.to === to && m.text.includes(path));
	const match = mail?.text.match(/token=([^\s&]+)/);
	return match?.[1] ? decodeURIComponent(match[1]) : null;
}

describe.each(dbKinds)('sign-up on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const input = (email = `s-${rand()}@test.kith.local`) =>
		ZSignUpInput.parse({ name: ' Ada  Member ', email, password: PASSWORD });
	const userIdOf = async (email: string) =>
		(await app.db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]?.id;

	it('creates an unverified member with a profile, audits, and mails a link to the site outbox', async () => {
		const site = await makeSite(app);
		const data = input();
		expect(await signUp({ app, site, input: data, ip: '10.0.0.1' })).toBe('sent');

		const [row] = await app.db.select().from(user).where(eq(user.email, data.email));
		expect(row?.emailVerified).toBe(false);
		const userId = row?.id ?? '';
		const roles = await app.db
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.userId, userId), eq(memberships.siteId, site.id)));
		expect(roles).toEqual([{ role: 'member' }]);
		const [profile] = await app.db.select().from(profiles).where(eq(profiles.userId, userId));
		expect(profile?.displayName).toBe('Ada  Member');
		const audits = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'account.sign_up'), eq(auditLog.entityId, userId)));
		expect(audits).toHaveLength(1);
		expect(JSON.stringify(audits[0])).not.toContain(data.email);
		expect(tokenFromOutbox(app, site.id, data.email, '/verify-email')).toBeTruthy();
	});

	it('answers a taken address like a new one and makes no second account', async () => {
		const site = await makeSite(app);
		const data = input();
		await signUp({ app, site, input: data, ip: '10.0.0.2' });
		const other = await makeSite(app);
		const again = { ...data, name: 'Someone Else', password: 'another-password-1' };
		expect(await signUp({ app, site: other, input: again, ip: '10.0.0.2' })).toBe('sent');
		const [n] = await app.db.select({ n: count() }).from(user).where(eq(user.email, data.email));
		expect(n?.n).toBe(1);
		const userId = (await userIdOf(data.email)) ?? '';
		const held = await app.db.select().from(memberships).where(eq(memberships.userId, userId));
		expect(held.map((m) => m.siteId)).toEqual([site.id]);
	});

	it('leaves no account behind when a later step fails', async () => {
		const site = await makeSite(app);
		const data = input();
		const send = app.mailer.send;
		app.mailer.send = () => Promise.reject(new Error('mail server down'));
		try {
			await expect(signUp({ app, site, input: data, ip: '10.0.0.5' })).rejects.toThrow('mail');
		} finally {
			app.mailer.send = send;
		}
		expect(await userIdOf(data.email)).toBeUndefined();
		// The address is free again: signing up once mail works makes the account.
		await signUp({ app, site, input: data, ip: '10.0.0.5' });
		expect(await userIdOf(data.email)).toBeTruthy();
	});

	it('refuses a site that does not take sign-ups, writing nothing', async () => {
		const site = await makeSite(app, { selfRegistration: undefined });
		expect(site.selfRegistration).toBe(false);
		const data = input();
		expect(await signUp({ app, site, input: data, ip: '10.0.0.3' })).toBe('closed');
		expect(await userIdOf(data.email)).toBeUndefined();
	});

	it('confirms the address with the mailed token; signing in before that sends a new link', async () => {
		const site = await makeSite(app);
		const data = input();
		await signUp({ app, site, input: data, ip: '10.0.0.4' });
		const headers = new Headers();
		const creds = { email: data.email, password: PASSWORD };
		const early = signIn({ app, input: creds, ip: '10.0.0.4', headers });
		await expect(early).rejects.toMatchObject({ fields: { password: 'err_email_not_verified' } });
		const mails = app.mailer.outbox?.(site.id).filter((m) => m.to === data.email) ?? [];
		expect(mails).toHaveLength(2);

		expect(await verifyEmail({ app, token: 'not-a-token', ip: null })).toBe(false);
		const token = tokenFromOutbox(app, site.id, data.email, '/verify-email') ?? '';
		expect(await verifyEmail({ app, token, ip: '10.0.0.4' })).toBe(true);
		const userId = await userIdOf(data.email);
		const audits = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'account.verify_email'), eq(auditLog.entityId, userId ?? '')));
		expect(audits.map((a) => a.outcome)).toEqual(['success']);
		const result = await signIn({ app, input: creds, ip: '10.0.0.4', headers });
		expect(result.kind).toBe('signed-in');
	});

	it('never fails on arbitrary input except with a validation answer, and refusals write no user', async () => {
		const site = await makeSite(app);
		// Mostly inputs that pass the form's checks, so the account machinery itself is exercised.
		const text = fc.string({ maxLength: 140, unit: 'binary' });
		const likely = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) =>
			fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: any, weight: 1 });
		const local = fc.stringMatching(/^[a-z0-9][a-z0-9._%+-]{0,30}$/);
		const name = likely(
			fc.string({ minLength: 1, maxLength: 79 }).map((s) => `N${s}`),
			text
		);
		const email = likely(
			local.map((l) => `${l}.${rand()}@example.org`),
			fc.oneof(fc.emailAddress(), text)
		);
		const password = likely(fc.string({ minLength: 10, maxLength: 128, unit: 'binary' }), text);
		await fc.assert(
			fc.asyncProperty(name, email, password, async (n, e, pw) => {
				const parsed = ZSignUpInput.safeParse({ name: n, email: e, password: pw });
				if (!parsed.success) {
					for (const issue of parsed.error.issues) expect(issue.message).toMatch(/^err_/);
					return;
				}
				const [before] = await app.db.select({ n: count() }).from(user);
				try {
					await signUp({ app, site, input: parsed.data, ip: `10.1.${rand()}` });
				} catch (err) {
					expect(err).toBeInstanceOf(AppError);
					const [after] = await app.db.select({ n: count() }).from(user);
					expect(after?.n).toBe(before?.n);
					return;
				}
				const id = await userIdOf(parsed.data.email);
				expect(id).toBeTruthy();
				const held = await app.db
					.select()
					.from(memberships)
					.where(eq(memberships.userId, id ?? ''));
				expect(held.length).toBeGreaterThan(0);
			}),
			{ numRuns: 40 }
		);
	}, 120_000);
});
