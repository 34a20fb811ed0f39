import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, rand } from '../testing/factories';
import { auditLog } from '../audit/audit.schema';
import { session, user } from '../db/auth.schema';
import { invitations, memberships } from './people.schema';
import { listPeople } from './list-people';
import { getPerson } from './get-person';
import { setPersonRoles } from './set-person-roles';
import { setAccountStatus } from './set-account-status';
import { setMembershipStatus } from './set-membership-status';
import { invitePerson, ZInvitePersonInput } from './invite-person';
import { withdrawInvitation } from './withdraw-invitation';
import { hashInvitationToken } from './invitation-token';
import type { Site } from '../sites/sites.schema';

describe.each(dbKinds)('site administration of people on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const auditFor = (siteId: string, action: string) =>
		app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.siteId, siteId), eq(auditLog.action, action)));

	const addSession = async (userId: string) => {
		const now = new Date();
		await app.db.insert(session).values({
			id: `s-${rand()}`,
			token: `t-${rand()}`,
			userId,
			expiresAt: new Date(now.getTime() + 3600_000),
			createdAt: now,
			updatedAt: now
		});
	};

	async function twoSites() {
		const siteA = await makeSite(app);
		const siteB = await makeSite(app);
		const adminA = await makePerson(app, siteA, ['site_admin']);
		const memberA = await makePerson(app, siteA, ['member'], { session: false });
		const memberB = await makePerson(app, siteB, ['member'], { session: false });
		return { siteA, siteB, adminA, memberA, memberB };
	}

	it('lists only the admin’s own site, and records the look', async () => {
		const { siteA, adminA, memberA, memberB } = await twoSites();
		const { people } = await listPeople({ db: app.db, actor: adminA.actor });
		const ids = people.map((p) => p.userId);
		expect(ids).toContain(memberA.userId);
		expect(ids).toContain(adminA.userId);
		expect(ids).not.toContain(memberB.userId);
		expect(await auditFor(siteA.id, 'people.list')).toHaveLength(1);
	});

	it('pages through the people by e-mail address, each once, with all their roles', async () => {
		const site = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin', 'member'], {
			email: `a-${rand()}@test.kith.local`
		});
		const others = [];
		for (const letter of ['b', 'c', 'd', 'e'])
			others.push(
				await makePerson(app, site, ['member'], {
					email: `${letter}-${rand()}@test.kith.local`,
					session: false
				})
			);
		const seen: string[] = [];
		let after: string | undefined;
		for (let page = 0; page < 5; page++) {
			const listed = await listPeople({
				db: app.db,
				actor: admin.actor,
				input: { after },
				pageSize: 2
			});
			seen.push(...listed.people.map((p) => p.email));
			if (page === 0) expect(listed.people[0]?.roles.toSorted()).toEqual(['member', 'site_admin']);
			if (!listed.next) break;
			after = listed.next;
		}
		expect(seen).toEqual([admin.email, ...others.map((o) => o.email)]);
		// A hand-edited address starts again from the beginning rather than failing.
		const odd = await listPeople({ db: app.db, actor: admin.actor, input: { after: ' ' } });
		expect(odd.people[0]?.email).toBe(admin.email);
	});

	it('answers "not found" for another site’s person or an unknown id, and changes nothing', async () => {
		const { adminA, memberB } = await twoSites();
		for (const userId of [memberB.userId, 'no-such-user']) {
			const db = app.db;
			const actor = adminA.actor;
			await expect(getPerson({ db, actor, input: { userId } })).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(
				setPersonRoles({ db, actor, input: { userId, roles: ['site_admin'] } })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(
				setAccountStatus({ db, actor, input: { userId, disabled: true } })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(
				setMembershipStatus({ db, actor, input: { userId, suspended: true } })
			).rejects.toMatchObject({ code: 'not_found' });
		}
		const [b] = await app.db.select().from(user).where(eq(user.id, memberB.userId));
		expect(b?.disabledAt).toBeNull();
		const rolesB = await app.db
			.select()
			.from(memberships)
			.where(eq(memberships.userId, memberB.userId));
		expect(rolesB.map((r) => r.role)).toEqual(['member']);
	});

	it('refuses every admin use case to a member', async () => {
		const { siteA, adminA, memberA } = await twoSites();
		const actor = memberA.actor;
		const db = app.db;
		const userId = adminA.userId;
		const refused = { code: 'not_found' };
		await expect(listPeople({ db, actor })).rejects.toMatchObject(refused);
		await expect(getPerson({ db, actor, input: { userId } })).rejects.toMatchObject(refused);
		await expect(
			setPersonRoles({ db, actor, input: { userId, roles: ['member'] } })
		).rejects.toMatchObject(refused);
		await expect(
			setAccountStatus({ db, actor, input: { userId, disabled: true } })
		).rejects.toMatchObject(refused);
		await expect(
			setMembershipStatus({ db, actor, input: { userId, suspended: true } })
		).rejects.toMatchObject(refused);
		await expect(
			invitePerson({ app, actor, input: { email: `x-${rand()}@test.kith.local`, role: 'member' } })
		).rejects.toMatchObject(refused);
		expect(await app.db.select().from(invitations).where(eq(invitations.siteId, siteA.id))).toEqual(
			[]
		);
	});

	it('changes roles with an audit record naming what was added and removed', async () => {
		const { siteA, adminA, memberA } = await twoSites();
		const result = await setPersonRoles({
			db: app.db,
			actor: adminA.actor,
			input: { userId: memberA.userId, roles: ['peer_worker', 'moderator'] }
		});
		expect(result.added.sort()).toEqual(['moderator', 'peer_worker']);
		expect(result.removed).toEqual(['member']);
		const person = await getPerson({
			db: app.db,
			actor: adminA.actor,
			input: { userId: memberA.userId }
		});
		expect(person.roles.sort()).toEqual(['moderator', 'peer_worker']);
		const [record] = await auditFor(siteA.id, 'membership.change');
		expect(record?.entityId).toBe(memberA.userId);
		expect(record?.details).toMatchObject({ removed: 'member' });
		expect(String(record?.details?.added).split(',').sort()).toEqual(['moderator', 'peer_worker']);
		expect(await auditFor(siteA.id, 'person.read')).toHaveLength(1);
	});

	it('will not let an admin change their own roles or turn themselves off', async () => {
		const { adminA } = await twoSites();
		await expect(
			setPersonRoles({
				db: app.db,
				actor: adminA.actor,
				input: { userId: adminA.userId, roles: ['member'] }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { roles: 'person_self' } });
		await expect(
			setMembershipStatus({
				db: app.db,
				actor: adminA.actor,
				input: { userId: adminA.userId, suspended: true }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { account: 'person_self' } });
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		await expect(
			setAccountStatus({
				db: app.db,
				actor: platform.actor,
				input: { userId: platform.userId, disabled: true }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { account: 'person_self' } });
	});

	it('the platform admin turning an account off ends all its sessions; both directions are audited', async () => {
		const { memberA, memberB } = await twoSites();
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		const auditOf = (action: string) =>
			app.db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.entityId, memberA.userId), eq(auditLog.action, action)));
		await addSession(memberA.userId);
		await addSession(memberA.userId);
		await addSession(memberB.userId);
		const { sessionsEnded } = await setAccountStatus({
			db: app.db,
			actor: platform.actor,
			input: { userId: memberA.userId, disabled: true }
		});
		expect(sessionsEnded).toBe(2);
		const left = await app.db.select().from(session).where(eq(session.userId, memberA.userId));
		expect(left).toEqual([]);
		const others = await app.db.select().from(session).where(eq(session.userId, memberB.userId));
		expect(others).toHaveLength(1);
		const [off] = await app.db.select().from(user).where(eq(user.id, memberA.userId));
		expect(off?.disabledAt).toBeInstanceOf(Date);
		expect(await auditOf('account.disable')).toHaveLength(1);

		await setAccountStatus({
			db: app.db,
			actor: platform.actor,
			input: { userId: memberA.userId, disabled: false }
		});
		const [on] = await app.db.select().from(user).where(eq(user.id, memberA.userId));
		expect(on?.disabledAt).toBeNull();
		expect(await auditOf('account.enable')).toHaveLength(1);
	});

	it('invites by mail in the site’s language, lists, then withdraws the invitation', async () => {
		const site: Site = await makeSite(app, { defaultLocale: 'da', locales: ['da', 'en'] });
		const admin = await makePerson(app, site, ['site_admin']);
		const email = `new-${rand()}@test.kith.local`;
		const input = ZInvitePersonInput.parse({ email: email.toUpperCase(), role: 'peer_worker' });
		const { invitationId } = await invitePerson({ app, actor: admin.actor, input });

		const [row] = await app.db.select().from(invitations).where(eq(invitations.id, invitationId));
		expect(row).toMatchObject({ siteId: site.id, email, role: 'peer_worker', revokedAt: null });
		const days = ((row?.expiresAt.getTime() ?? 0) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7);

		const mail = app.mailer.outbox?.(site.id).find((e) => e.to === email);
		expect(mail).toBeDefined();
		const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
		expect(mail?.text).toContain(`${app.config.ORIGIN}/invite/${token}`);
		expect(hashInvitationToken(token)).toBe(row?.tokenHash);
		expect(mail?.subject).toContain(site.name);
		expect(mail?.text).not.toContain('You have been invited'); // Danish, not English

		const [created] = await auditFor(site.id, 'invitation.create');
		expect(created?.entityId).toBe(invitationId);
		expect(JSON.stringify(created?.details)).not.toContain(email);

		const listed = await listPeople({ db: app.db, actor: admin.actor });
		expect(listed.invitations.map((i) => i.id)).toEqual([invitationId]);

		await withdrawInvitation({ db: app.db, actor: admin.actor, input: { invitationId } });
		const [gone] = await app.db.select().from(invitations).where(eq(invitations.id, invitationId));
		expect(gone?.revokedAt).toBeInstanceOf(Date);
		expect(await auditFor(site.id, 'invitation.withdraw')).toHaveLength(1);
		expect((await listPeople({ db: app.db, actor: admin.actor })).invitations).toEqual([]);
		await expect(
			withdrawInvitation({ db: app.db, actor: admin.actor, input: { invitationId } })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('refuses to invite someone to a role they already hold, and another site cannot withdraw', async () => {
		const { adminA, memberA, siteB } = await twoSites();
		await expect(
			invitePerson({
				app,
				actor: adminA.actor,
				input: { email: memberA.email, role: 'member' }
			})
		).rejects.toMatchObject({ code: 'conflict', fields: { email: 'err_already_member' } });

		const { invitationId } = await invitePerson({
			app,
			actor: adminA.actor,
			input: { email: memberA.email, role: 'peer_worker' }
		});
		const adminB = await makePerson(app, siteB, ['site_admin']);
		await expect(
			withdrawInvitation({ db: app.db, actor: adminB.actor, input: { invitationId } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
