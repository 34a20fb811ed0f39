import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { actorFor, signInCookie } from '../testing/auth-session';
import { auditLog } from '../audit/audit.schema';
import { session, user } from '../db/auth.schema';
import { memberships, type SiteRole } from './people.schema';
import { setAccountStatus } from './set-account-status';
import { setMembershipStatus } from './set-membership-status';
import { setPersonRoles } from './set-person-roles';
import type { Site } from '../sites/sites.schema';
import { sitePeople } from './names';
import { supportersOnSite } from '../goals/supporters';
import { listSites } from '../sites/list-sites';

describe.each(dbKinds)('suspending a membership on one site on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const auditFor = (siteId: string, action: string, entityId: string) =>
		app.db
			.select()
			.from(auditLog)
			.where(
				and(
					eq(auditLog.siteId, siteId),
					eq(auditLog.action, action),
					eq(auditLog.entityId, entityId)
				)
			);

	const join = (site: Site, userId: string, role: SiteRole) =>
		app.db.insert(memberships).values({ siteId: site.id, userId, role });

	/** Site A's admin, and B's admin who was invited to A as a member; both signed in for real. */
	async function crossSiteAdmins() {
		const siteA = await makeSite(app);
		const siteB = await makeSite(app);
		const adminA = await makePerson(app, siteA, ['site_admin']);
		const adminB = await makePerson(app, siteB, ['site_admin'], {
			twoFactorEnabled: false,
			session: false
		});
		await join(siteA, adminB.userId, 'member');
		const { cookie } = await signInCookie(app, adminB.email);
		return { siteA, siteB, adminA, adminB, cookie };
	}

	it('leaves the person’s other site and account untouched, and audits it', async () => {
		expect.hasAssertions();
		const { siteA, siteB, adminA, adminB, cookie } = await crossSiteAdmins();
		const before = await actorFor(app, cookie);
		expect(before.sites.map((s) => s.id).sort()).toEqual([siteA.id, siteB.id].sort());

		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: adminB.userId, suspended: true }
		});

		const [account] = await app.db.select().from(user).where(eq(user.id, adminB.userId));
		expect(account?.disabledAt).toBeNull();
		// A session that was looking at site A has ended with the suspension; signing in again
		// lands on site B, where nothing changed.
		const again = await signInCookie(app, adminB.email);
		const after = await actorFor(app, again.cookie);
		expect(after.sites.map((s) => s.id)).toEqual([siteB.id]);
		const onB = after.sites.find((s) => s.id === siteB.id);
		expect(onB?.roles).toEqual(['site_admin']);
		expect(await auditFor(siteA.id, 'membership.suspend', adminB.userId)).toHaveLength(1);
	});

	it('gives a suspended member no roles on the site; reinstating restores them', async () => {
		expect.hasAssertions();
		const siteA = await makeSite(app);
		const adminA = await makePerson(app, siteA, ['site_admin']);
		const member = await makePerson(app, siteA, ['member'], {
			twoFactorEnabled: false,
			session: false
		});
		const first = await signInCookie(app, member.email);
		expect((await actorFor(app, first.cookie)).roles).toEqual(['member']);

		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: member.userId, suspended: true }
		});
		const fresh = await signInCookie(app, member.email);
		const suspended = await actorFor(app, fresh.cookie);
		expect(suspended.roles).toEqual([]);
		expect(suspended.sites).toEqual([]);
		expect(suspended.permissions.size).toBe(0);

		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: member.userId, suspended: false }
		});
		expect((await actorFor(app, fresh.cookie)).roles).toEqual(['member']);
		expect(await auditFor(siteA.id, 'membership.reinstate', member.userId)).toHaveLength(1);
	});

	it('keeps a suspended person suspended when their roles change', async () => {
		const siteA = await makeSite(app);
		const adminA = await makePerson(app, siteA, ['site_admin']);
		const member = await makePerson(app, siteA, ['member'], {
			twoFactorEnabled: false,
			session: false
		});
		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: member.userId, suspended: true }
		});
		await setPersonRoles({
			db: app.db,
			actor: adminA.actor,
			input: { userId: member.userId, roles: ['peer_worker'] }
		});
		const signedIn = await signInCookie(app, member.email);
		expect((await actorFor(app, signedIn.cookie)).roles).toEqual([]);
		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: member.userId, suspended: false }
		});
		expect((await actorFor(app, signedIn.cookie)).roles).toEqual(['peer_worker']);
	});

	it('ends the suspended person’s sessions looking at that site only', async () => {
		expect.hasAssertions();
		const { siteA, siteB, adminA, adminB } = await crossSiteAdmins();
		await app.db
			.update(session)
			.set({ activeSiteId: siteA.id })
			.where(eq(session.userId, adminB.userId));
		const other = await signInCookie(app, adminB.email);
		const otherActor = await actorFor(app, other.cookie);
		await app.db
			.update(session)
			.set({ activeSiteId: siteB.id })
			.where(eq(session.id, otherActor.sessionId));
		const { sessionsEnded } = await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: adminB.userId, suspended: true }
		});
		expect(sessionsEnded).toBe(1);
		const left = await app.db.select().from(session).where(eq(session.userId, adminB.userId));
		expect(left.map((s) => s.activeSiteId)).toEqual([siteB.id]);
	});

	it('takes a suspended person out of the site’s pickers and its member count', async () => {
		const siteA = await makeSite(app);
		const adminA = await makePerson(app, siteA, ['site_admin']);
		const peer = await makePerson(app, siteA, ['peer_worker'], { session: false });
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		const view = async () => ({
			staff: (await sitePeople(app.db, siteA.id, ['peer_worker'])).map((p) => p.userId),
			supporters: (await app.db.transaction((tx) => supportersOnSite(tx, siteA.id))).map(
				(p) => p.userId
			),
			count: (await listSites({ db: app.db, actor: platform.actor })).find((s) => s.id === siteA.id)
				?.memberCount
		});
		expect(await view()).toEqual({ staff: [peer.userId], supporters: [peer.userId], count: 2 });

		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: peer.userId, suspended: true }
		});
		expect(await view()).toEqual({ staff: [], supporters: [], count: 1 });

		await setMembershipStatus({
			db: app.db,
			actor: adminA.actor,
			input: { userId: peer.userId, suspended: false }
		});
		expect(await view()).toEqual({ staff: [peer.userId], supporters: [peer.userId], count: 2 });
	});

	it('a site admin can no longer turn an account off; the platform admin can', async () => {
		expect.hasAssertions();
		const { adminA, adminB } = await crossSiteAdmins();
		await expect(
			setAccountStatus({
				db: app.db,
				actor: adminA.actor,
				input: { userId: adminB.userId, disabled: true }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		const [still] = await app.db.select().from(user).where(eq(user.id, adminB.userId));
		expect(still?.disabledAt).toBeNull();

		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		await setAccountStatus({
			db: app.db,
			actor: platform.actor,
			input: { userId: adminB.userId, disabled: true }
		});
		const [off] = await app.db.select().from(user).where(eq(user.id, adminB.userId));
		expect(off?.disabledAt).toBeInstanceOf(Date);
		const records = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'account.disable'), eq(auditLog.entityId, adminB.userId)));
		expect(records).toHaveLength(1);
	});
});
