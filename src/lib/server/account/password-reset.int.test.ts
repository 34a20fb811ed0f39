import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, TEST_PASSWORD } from '../testing/factories';
import { auditLog } from '../audit/audit.schema';
import { session } from '../db/auth.schema';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';
import { signIn } from './sign-in';

describe.each(dbKinds)('password reset on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const resetToken = (siteId: string, to: string) => {
		const mail = app.mailer.outbox?.(siteId).find((m) => m.to === to);
		const match = mail?.text.match(/reset-password\?token=([^\s&]+)/);
		return match?.[1] ? decodeURIComponent(match[1]) : '';
	};

	it('sets a new password with the mailed token, once, and ends every session', async () => {
		const site = await makeSite(app);
		const { email, userId } = await makePerson(app, site, ['member'], { session: false });
		const headers = new Headers();
		await signIn({ app, input: { email, password: TEST_PASSWORD }, ip: '10.2.0.1', headers });
		expect(await app.db.select().from(session).where(eq(session.userId, userId))).toHaveLength(1);

		await requestPasswordReset({ app, input: { email }, ip: '10.2.0.1' });
		const token = resetToken(site.id, email);
		expect(token).not.toBe('');
		const newPassword = 'a-brand-new-password';
		await resetPassword({ app, input: { token, newPassword }, ip: '10.2.0.1' });

		expect(await app.db.select().from(session).where(eq(session.userId, userId))).toHaveLength(0);
		const old = signIn({ app, input: { email, password: TEST_PASSWORD }, ip: '10.2.0.1', headers });
		await expect(old).rejects.toMatchObject({ fields: { password: 'err_bad_credentials' } });
		const fresh = await signIn({
			app,
			input: { email, password: newPassword },
			ip: '10.2.0.1',
			headers
		});
		expect(fresh.kind).toBe('signed-in');

		const again = resetPassword({
			app,
			input: { token, newPassword: 'yet-another-pass' },
			ip: null
		});
		await expect(again).rejects.toMatchObject({
			code: 'invalid_input',
			fields: { token: 'reset_failed' }
		});
		const audits = await app.db
			.select({ outcome: auditLog.outcome })
			.from(auditLog)
			.where(and(eq(auditLog.action, 'account.password_reset'), eq(auditLog.entityId, userId)));
		expect(audits).toEqual([{ outcome: 'success' }]);
	});

	it('answers an unknown address the same way and mails nothing', async () => {
		const site = await makeSite(app);
		const email = 'nobody-here@test.kith.local';
		await expect(
			requestPasswordReset({ app, input: { email }, ip: '10.2.0.2' })
		).resolves.toBeUndefined();
		expect(app.mailer.outbox?.(site.id)).toEqual([]);
	});

	it('limits requests for one address', async () => {
		const { email } = await makePerson(app, null, []);
		const ask = (i: number) => requestPasswordReset({ app, input: { email }, ip: `10.2.1.${i}` });
		for (let i = 0; i < 5; i++) await ask(i);
		await expect(ask(9)).rejects.toMatchObject({ code: 'rate_limited' });
	});
});
