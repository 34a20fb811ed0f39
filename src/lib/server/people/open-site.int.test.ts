import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, rand } from '../testing/factories';
import { auditLog } from '../audit/audit.schema';
import { sites } from '../sites/sites.schema';
import { ZUpdateSiteInput } from '../sites/site.validation';
import { updateSite } from '../sites/update-site';
import { signUp } from '../account/sign-up';
import { invitations } from './people.schema';
import { openSite, ZOpenSiteInput } from './open-site';
import { invitePerson } from './invite-person';
import { setPersonRoles } from './set-person-roles';
import { acceptInvitation } from './accept-invitation';

describe.each(dbKinds)('a new site, ready before it opens, on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const newSite = (overrides: Record<string, unknown> = {}) =>
		ZOpenSiteInput.safeParse({
			slug: `new-${rand()}`,
			name: `New service ${rand()}`,
			defaultLocale: 'sw',
			locales: ['sw', 'en'],
			timeZone: 'Africa/Dar_es_Salaam',
			selfRegistration: 'on',
			crisisContacts: '',
			firstAdminEmail: `first-admin-${rand()}@test.kith.local`,
			...overrides
		});
	const auditOn = (siteId: string) =>
		app.db.select().from(auditLog).where(eq(auditLog.siteId, siteId));

	it('is created with its first site admin invited by mail in its language, both audited', async () => {
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		const parsed = newSite();
		if (!parsed.success) throw parsed.error;
		const { site, invitationId } = await openSite({
			app,
			actor: platform.actor,
			input: parsed.data
		});
		const [invitation] = await app.db
			.select()
			.from(invitations)
			.where(eq(invitations.id, invitationId));
		expect(invitation).toMatchObject({
			siteId: site.id,
			email: parsed.data.firstAdminEmail,
			role: 'site_admin',
			invitedBy: platform.userId
		});
		const mail = app.mailer.outbox?.(site.id).find((e) => e.to === parsed.data.firstAdminEmail);
		expect(mail?.text).toMatch(/\/invite\/[A-Za-z0-9_-]+/);
		expect(mail?.subject).toContain(site.name);
		expect(mail?.text).not.toContain('You have been invited'); // Swahili, the site's language
		const actions = (await auditOn(site.id)).map((r) => r.action).sort();
		expect(actions).toEqual(['invitation.create', 'site.create']);
	});

	it('refuses a missing or malformed admin address next to the field, and makes nothing', async () => {
		for (const firstAdminEmail of [undefined, '', 'not an address']) {
			const parsed = newSite({ firstAdminEmail });
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues.map((i) => i.path[0])).toEqual(['firstAdminEmail']);
		}
		// A taken slug: no second site and no invitation either.
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		const taken = await makeSite(app);
		const parsed = newSite({ slug: taken.slug });
		if (!parsed.success) throw parsed.error;
		await expect(
			openSite({ app, actor: platform.actor, input: parsed.data })
		).rejects.toMatchObject({ code: 'conflict', fields: { slug: 'err_slug_taken' } });
		const sent = await app.db
			.select()
			.from(invitations)
			.where(eq(invitations.email, parsed.data.firstAdminEmail));
		expect(sent).toEqual([]);
	});

	it('is opened only by a platform admin', async () => {
		const site = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		const parsed = newSite();
		if (!parsed.success) throw parsed.error;
		await expect(openSite({ app, actor: admin.actor, input: parsed.data })).rejects.toMatchObject({
			code: 'not_found'
		});
		const made = await app.db.select().from(sites).where(eq(sites.slug, parsed.data.slug));
		expect(made).toEqual([]);
	});

	it('admits no member until it lists a crisis contact; staff may join before', async () => {
		const site = await makeSite(app, { crisisContacts: '' });
		const admin = await makePerson(app, site, ['site_admin']);
		const peer = await makePerson(app, site, ['peer_worker']);
		const email = `member-${rand()}@test.kith.local`;

		await expect(
			invitePerson({ app, actor: admin.actor, input: { email, role: 'member' } })
		).rejects.toMatchObject({ fields: { role: 'err_site_not_ready' } });
		expect(await app.db.select().from(invitations).where(eq(invitations.email, email))).toEqual([]);
		await invitePerson({ app, actor: admin.actor, input: { email, role: 'peer_worker' } });
		await expect(
			setPersonRoles({
				db: app.db,
				actor: admin.actor,
				input: { userId: peer.userId, roles: ['peer_worker', 'member'] }
			})
		).rejects.toMatchObject({ fields: { roles: 'err_site_not_ready' } });
		const input = {
			name: 'Asha',
			email: `signup-${rand()}@test.kith.local`,
			password: 'a-long-password-2026'
		};
		expect(await signUp({ app, site, input, ip: '203.0.113.9' })).toBe('closed');

		// With a contact, the same steps admit members.
		const ready = await updateSite({
			db: app.db,
			actor: admin.actor,
			input: ZUpdateSiteInput.parse({
				name: site.name,
				defaultLocale: site.defaultLocale,
				locales: site.locales,
				timeZone: site.timeZone,
				selfRegistration: 'on',
				crisisContacts: 'Msaada wa dharura | 112'
			})
		});
		const after = { ...admin.actor, site: ready };
		await invitePerson({ app, actor: after, input: { email, role: 'member' } });
		expect(await signUp({ app, site: ready, input, ip: '203.0.113.9' })).toBe('sent');
	});

	it('keeps a crisis contact once it has members; a member invitation waits while the list is empty', async () => {
		const site = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		const settings = (crisisContacts: string) =>
			ZUpdateSiteInput.parse({
				name: site.name,
				defaultLocale: site.defaultLocale,
				locales: site.locales,
				timeZone: site.timeZone,
				crisisContacts
			});
		// No members yet: an invitation goes out, then the list is emptied.
		const invitee = await makePerson(app, null, []);
		await invitePerson({
			app,
			actor: admin.actor,
			input: { email: invitee.email, role: 'member' }
		});
		const mail = app.mailer.outbox?.(site.id).find((e) => e.to === invitee.email);
		const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
		await updateSite({ db: app.db, actor: admin.actor, input: settings('') });
		await expect(acceptInvitation({ app, actor: invitee.actor, token })).rejects.toMatchObject({
			fields: { _: 'err_site_not_ready' }
		});

		await updateSite({ db: app.db, actor: admin.actor, input: settings('Emergency | 112') });
		await acceptInvitation({ app, actor: invitee.actor, token });
		await expect(
			updateSite({ db: app.db, actor: admin.actor, input: settings('') })
		).rejects.toMatchObject({ fields: { crisisContacts: 'err_crisis_keep_one' } });
		const [kept] = await app.db.select().from(sites).where(eq(sites.id, site.id));
		expect(kept?.crisisContacts).toEqual([{ name: 'Emergency', phone: '112' }]);
		// The two saves are audited; the refused one left nothing.
		const edits = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'site.update')));
		expect(edits).toHaveLength(2);
	});
});
