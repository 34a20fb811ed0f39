import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, rand } from '../testing/factories';
import { auditLog } from '../audit/audit.schema';
import { sites } from './sites.schema';
import { ZCreateSiteInput, ZUpdateSiteInput } from './site.validation';
import { updateSite } from './update-site';
import { listSites } from './list-sites';
import { createSite } from './create-site';
import { readOutbox } from '../mail/read-outbox';

describe.each(dbKinds)('site settings and platform sites on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const form = (overrides: Record<string, unknown> = {}) => ({
		name: 'Renamed site',
		defaultLocale: 'en',
		locales: ['en', 'sw'],
		timeZone: 'Africa/Dar_es_Salaam',
		selfRegistration: 'on',
		crisisContacts: 'Lifeline | 116 | | https://example.org | 24/7',
		...overrides
	});

	it('saves the admin’s own site and records which fields changed', async () => {
		const site = await makeSite(app);
		const other = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		const saved = await updateSite({
			db: app.db,
			actor: admin.actor,
			input: ZUpdateSiteInput.parse(form())
		});
		expect(saved).toMatchObject({
			id: site.id,
			name: 'Renamed site',
			locales: ['en', 'sw'],
			timeZone: 'Africa/Dar_es_Salaam',
			requireStaffSecondFactor: false
		});
		expect(saved.crisisContacts).toEqual([
			{ name: 'Lifeline', phone: '116', url: 'https://example.org', hours: '24/7' }
		]);
		const [untouched] = await app.db.select().from(sites).where(eq(sites.id, other.id));
		expect(untouched?.name).toBe(other.name);
		const [record] = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'site.update')));
		expect(String(record?.details?.changed)).toContain('timeZone');
	});

	it('refuses a bad time zone or a default language not offered, and writes nothing', async () => {
		const badZone = ZUpdateSiteInput.safeParse(form({ timeZone: 'Mars/Olympus' }));
		expect(badZone.success).toBe(false);
		expect(badZone.error?.issues[0]).toMatchObject({
			path: ['timeZone'],
			message: 'err_time_zone'
		});
		const notOffered = ZUpdateSiteInput.safeParse(form({ defaultLocale: 'th' }));
		expect(notOffered.success).toBe(false);
		expect(notOffered.error?.issues[0]).toMatchObject({
			path: ['defaultLocale'],
			message: 'err_locale_not_offered'
		});
		const none = ZUpdateSiteInput.safeParse(form({ locales: undefined }));
		expect(none.error?.issues[0]).toMatchObject({ path: ['locales'], message: 'err_required' });
		const single = ZUpdateSiteInput.safeParse(form({ locales: 'en' }));
		expect(single.success && single.data.locales).toEqual(['en']);
		// Nothing was saved: the site and the audit trail are as they were.
		const site = await makeSite(app);
		const [before] = await app.db.select().from(sites).where(eq(sites.id, site.id));
		const records = await app.db.select().from(auditLog).where(eq(auditLog.siteId, site.id));
		expect(before?.timeZone).toBe('Europe/Copenhagen');
		expect(records.map((r) => r.action)).toEqual(['site.create']);
	});

	it('refuses site settings and the outbox to a member', async () => {
		const site = await makeSite(app);
		const member = await makePerson(app, site, ['member']);
		await expect(
			updateSite({ db: app.db, actor: member.actor, input: ZUpdateSiteInput.parse(form()) })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(readOutbox({ app, actor: member.actor })).rejects.toMatchObject({
			code: 'not_found'
		});
		const [row] = await app.db.select().from(sites).where(eq(sites.id, site.id));
		expect(row?.name).toBe(site.name);
	});

	it('shows a site’s own outbox only, and records the look', async () => {
		const site = await makeSite(app);
		const other = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		await app.mailer.send({ to: 'a@test.kith.local', subject: 'mine', text: 'x', siteId: site.id });
		await app.mailer.send({
			to: 'b@test.kith.local',
			subject: 'theirs',
			text: 'y',
			siteId: other.id
		});
		const entries = await readOutbox({ app, actor: admin.actor });
		expect(entries?.map((e) => e.subject)).toEqual(['mine']);
		const records = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'outbox.read')));
		expect(records).toHaveLength(1);
	});

	it('lets a platform admin list sites with member counts and create one; nobody else', async () => {
		const site = await makeSite(app);
		await makePerson(app, site, ['member', 'peer_worker']);
		await makePerson(app, site, ['member']);
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		const listed = await listSites({ db: app.db, actor: platform.actor });
		expect(listed.find((s) => s.id === site.id)?.memberCount).toBe(2);

		const slug = `new-${rand()}`;
		const created = await createSite({
			db: app.db,
			actor: platform.actor,
			input: ZCreateSiteInput.parse({ ...form(), slug })
		});
		expect(created.requireStaffSecondFactor).toBe(true);
		const again = await listSites({ db: app.db, actor: platform.actor });
		expect(again.find((s) => s.slug === slug)?.memberCount).toBe(0);

		const admin = await makePerson(app, site, ['site_admin']);
		await expect(listSites({ db: app.db, actor: admin.actor })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
