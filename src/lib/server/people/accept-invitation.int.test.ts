import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, rand } from '../testing/factories';
import { auditLog } from '../audit/audit.schema';
import { user } from '../db/auth.schema';
import type { Site } from '../sites/sites.schema';
import { hashInvitationToken, newInvitationToken } from './invitation-token';
import { invitations, memberships, type SiteRole } from './people.schema';
import { findInvitation } from './find-invitation';
import { acceptInvitation } from './accept-invitation';
import { acceptInvitationWithNewAccount } from './accept-invitation-new-account';
import { cookieHeader } from '../testing/auth-session';
import { loadActor } from '../auth/load-actor';
import { needsWelcome } from './welcome';

describe.each(dbKinds)('invitations on %s', (kind) => {
	let app: TestApp;
	let site: Site;
	beforeAll(async () => {
		app = await createTestApp(kind);
		site = await makeSite(app);
	});
	afterAll(async () => app.cleanup());

	async function invite(
		email: string,
		role: SiteRole,
		opts: { expiresAt?: Date; revokedAt?: Date } = {}
	): Promise<string> {
		const token = newInvitationToken();
		await app.db.insert(invitations).values({
			siteId: site.id,
			email,
			role,
			tokenHash: hashInvitationToken(token),
			expiresAt: opts.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000),
			revokedAt: opts.revokedAt ?? null
		});
		return token;
	}
	const rolesOf = async (userId: string) =>
		(
			await app.db
				.select({ role: memberships.role })
				.from(memberships)
				.where(and(eq(memberships.userId, userId), eq(memberships.siteId, site.id)))
		).map((r) => r.role);
	const newAccount = (token: string) =>
		acceptInvitationWithNewAccount({
			app,
			token,
			input: { name: 'Invited Person', password: 'invited-password-1' },
			ip: '10.3.0.1',
			headers: new Headers()
		});

	it('stores only the hash of a URL-safe token', () => {
		const token = newInvitationToken();
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(hashInvitationToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashInvitationToken(token)).not.toContain(token);
	});

	it('creates a verified account with the role, signs in, and uses the invitation up', async () => {
		const email = `new-${rand()}@test.kith.local`;
		const token = await invite(email, 'peer_worker');
		expect(await findInvitation({ db: app.db, actor: null, token })).toMatchObject({
			kind: 'create',
			role: 'peer_worker',
			siteName: site.name
		});
		const result = await newAccount(token);
		expect(result?.kind).toBe('signed-in');
		expect(result?.headers.get('set-cookie')).toContain('kith');
		const [row] = await app.db.select().from(user).where(eq(user.email, email));
		expect(row?.emailVerified).toBe(true);
		expect(await rolesOf(row?.id ?? '')).toEqual(['peer_worker']);
		const audits = await app.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'invitation.accept'), eq(auditLog.actorUserId, row?.id ?? ''))
			);
		expect(audits).toHaveLength(1);
		expect(await findInvitation({ db: app.db, actor: null, token })).toEqual({ kind: 'invalid' });
		await expect(newAccount(token)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('greets a member who joins by invitation with the first-sign-in welcome', async () => {
		const token = await invite(`welcome-${rand()}@test.kith.local`, 'member');
		const result = await newAccount(token);
		if (result?.kind !== 'signed-in') throw new Error('not signed in');
		const headers = new Headers({ cookie: cookieHeader(result.headers) });
		const loaded = await loadActor({ app, headers, ip: '127.0.0.1' });
		if (loaded.kind !== 'actor') throw new Error(`no actor: ${loaded.kind}`);
		expect(needsWelcome(loaded.actor, loaded.profile)).toBe(true);
	});

	it('lets the signed-in holder of the address accept, once, and nobody else', async () => {
		const member = await makePerson(app, site, ['member']);
		const other = await makePerson(app, site, ['member']);
		const token = await invite(member.email, 'moderator');
		expect(await findInvitation({ db: app.db, actor: null, token })).toMatchObject({
			kind: 'signin'
		});
		expect(await findInvitation({ db: app.db, actor: other.actor, token })).toMatchObject({
			kind: 'wrong-account'
		});
		await expect(acceptInvitation({ app, actor: other.actor, token })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await findInvitation({ db: app.db, actor: member.actor, token })).toMatchObject({
			kind: 'accept'
		});
		await acceptInvitation({ app, actor: member.actor, token });
		expect((await rolesOf(member.userId)).sort()).toEqual(['member', 'moderator']);
		await expect(acceptInvitation({ app, actor: member.actor, token })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('accepts a role already held without a second membership', async () => {
		const member = await makePerson(app, site, ['member']);
		const token = await invite(member.email.toUpperCase(), 'member');
		await acceptInvitation({ app, actor: member.actor, token });
		expect(await rolesOf(member.userId)).toEqual(['member']);
	});

	it('treats expired, withdrawn and unknown links the same, and creates nothing', async () => {
		const expiredEmail = `exp-${rand()}@test.kith.local`;
		const expired = await invite(expiredEmail, 'member', {
			expiresAt: new Date(Date.now() - 1000)
		});
		const withdrawnEmail = `wd-${rand()}@test.kith.local`;
		const withdrawn = await invite(withdrawnEmail, 'member', { revokedAt: new Date() });
		for (const token of [expired, withdrawn, newInvitationToken(), 'short', '../../etc']) {
			expect(await findInvitation({ db: app.db, actor: null, token })).toEqual({ kind: 'invalid' });
			await expect(newAccount(token)).rejects.toMatchObject({ code: 'not_found' });
		}
		const made = await app.db.select().from(user).where(eq(user.email, expiredEmail));
		expect(made).toHaveLength(0);
		expect(await app.db.select().from(user).where(eq(user.email, withdrawnEmail))).toHaveLength(0);
	});

	it('lets only one of two simultaneous acceptances through', async () => {
		const token = await invite(`race-${rand()}@test.kith.local`, 'member');
		const results = await Promise.allSettled([newAccount(token), newAccount(token)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	});
});
