import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { accessDenials } from './audit.schema';
import {
	flushDenials,
	listUnusualDenials,
	listVisitorDenials,
	noteDenial,
	tagStoredAddresses,
	UNUSUAL_NOT_FOUND,
	UNUSUAL_VISITOR_REFUSALS
} from './access-denials';
import { addressTag } from './address-tag';

describe.each(dbKinds)('refused requests, counted on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const rowsOf = (siteId: string) =>
		app.db.select().from(accessDenials).where(eq(accessDenials.siteId, siteId));

	it('become one growing counter per person, address and quarter hour, not a row each', async () => {
		const site = await makeSite(app);
		const prober = await makePerson(app, site, ['member']);
		const at = new Date('2026-12-04T10:01:00Z');
		for (let i = 0; i < 25; i++)
			noteDenial(
				{ siteId: site.id, actorUserId: prober.userId, ip: '203.0.113.7', status: 404 },
				at
			);
		expect(await flushDenials(app.db)).toBe(1);
		// The same quarter hour, on a later flush: added to the same row.
		for (let i = 0; i < 5; i++)
			noteDenial(
				{ siteId: site.id, actorUserId: prober.userId, ip: '203.0.113.7', status: 404 },
				new Date('2026-12-04T10:14:00Z')
			);
		// Another quarter hour: a row of its own.
		noteDenial(
			{ siteId: site.id, actorUserId: prober.userId, ip: '203.0.113.7', status: 404 },
			new Date('2026-12-04T10:16:00Z')
		);
		expect(await flushDenials(app.db)).toBe(2);
		const rows = await rowsOf(site.id);
		expect(rows.map((r) => [r.windowStart.toISOString(), r.count]).sort()).toEqual([
			['2026-12-04T10:00:00.000Z', 30],
			['2026-12-04T10:15:00.000Z', 1]
		]);
		expect(await flushDenials(app.db)).toBe(0);
		// The address itself is not stored, only its pseudonym: 16 hex digits, the same each time.
		const stored = await app.db
			.select({ ip: sql<string | null>`ip` })
			.from(accessDenials)
			.where(eq(accessDenials.siteId, site.id));
		const tags = new Set(stored.map((r) => r.ip));
		expect([...tags]).toEqual([addressTag('203.0.113.7')]);
		expect([...tags][0]).toMatch(/^[0-9a-f]{16}$/);
		expect(JSON.stringify(stored)).not.toContain('203.0.113');
	});

	it('replace addresses stored before they were tagged, adding their counts to the tag’s', async () => {
		const site = await makeSite(app);
		const windowStart = new Date('2026-12-05T09:00:00Z');
		const row = { siteId: site.id, actorUserId: null, windowStart, status: 404 };
		await app.db.insert(accessDenials).values([
			{ ...row, addressTag: '203.0.113.9', count: 4, lastAt: windowStart },
			{ ...row, addressTag: '2001:db8::9', count: 2, lastAt: windowStart },
			{ ...row, addressTag: addressTag('203.0.113.9'), count: 3, lastAt: windowStart }
		]);
		expect(await tagStoredAddresses(app.db)).toBe(2);
		expect(await tagStoredAddresses(app.db)).toBe(0);
		const rows = await rowsOf(site.id);
		expect(rows.map((r) => [r.addressTag, r.count]).sort()).toEqual(
			[
				[addressTag('203.0.113.9'), 7],
				[addressTag('2001:db8::9'), 2]
			].sort()
		);
	});

	it('show the site admin who met many "not found" answers on their site only', async () => {
		const site = await makeSite(app);
		const other = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		const prober = await makePerson(app, site, ['member']);
		const lost = await makePerson(app, site, ['member']);
		const elsewhere = await makePerson(app, other, ['member']);
		const now = new Date();
		const note = (siteId: string, actorUserId: string, times: number, status: 403 | 404 = 404) => {
			for (let i = 0; i < times; i++)
				noteDenial({ siteId, actorUserId, ip: '198.51.100.4', status }, now);
		};
		note(site.id, prober.userId, UNUSUAL_NOT_FOUND + 3);
		note(site.id, lost.userId, 2); // an old link or two: usual
		note(site.id, lost.userId, 40, 403); // forbidden is not "not found"
		note(other.id, elsewhere.userId, 50);
		await flushDenials(app.db);

		const listed = await listUnusualDenials({ db: app.db, actor: admin.actor, now });
		expect(listed.map((r) => [r.actorUserId, r.addressTag, r.notFound])).toEqual([
			[prober.userId, addressTag('198.51.100.4'), UNUSUAL_NOT_FOUND + 3]
		]);
		await expect(
			listUnusualDenials({ db: app.db, actor: prober.actor, now })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('keep counting under a flood of senders without holding a counter for each', async () => {
		const site = await makeSite(app);
		const at = new Date();
		for (let i = 0; i < 6_000; i++)
			noteDenial(
				{ siteId: site.id, actorUserId: null, ip: `10.0.${i >> 8}.${i & 255}`, status: 404 },
				at
			);
		expect(await flushDenials(app.db)).toBeLessThanOrEqual(5_001);
		const [total] = await app.db
			.select({ n: sql<number>`sum(${accessDenials.count})::int` })
			.from(accessDenials)
			.where(eq(accessDenials.siteId, site.id));
		expect(total?.n).toBe(6_000);
	});

	it('show platform admins the addresses that people not signed in were refused from, per day', async () => {
		const site = await makeSite(app);
		const platform = await makePerson(app, null, [], { isPlatformAdmin: true });
		const admin = await makePerson(app, site, ['site_admin']);
		const now = new Date();
		const yesterday = new Date(now.getTime() - 24 * 60 * 60 * 1000);
		const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
		const note = (times: number, status: 403 | 404, at: Date, from = ip) => {
			for (let i = 0; i < times; i++)
				noteDenial({ siteId: null, actorUserId: null, ip: from, status }, at);
		};
		note(UNUSUAL_VISITOR_REFUSALS, 403, now); // forged forms from other websites
		note(4, 404, now);
		note(3, 404, yesterday); // a quiet day: not listed
		note(UNUSUAL_VISITOR_REFUSALS - 1, 404, now, '198.51.100.99'); // just below the mark
		// Refusals on a site belong to its admin, not here.
		noteDenial({ siteId: site.id, actorUserId: null, ip, status: 404 }, now);
		await flushDenials(app.db);

		const tag = addressTag(ip);
		const listed = (await listVisitorDenials({ db: app.db, actor: platform.actor, now })).filter(
			(r) => r.addressTag === tag || r.addressTag === addressTag('198.51.100.99')
		);
		expect(listed).toEqual([
			expect.objectContaining({
				addressTag: tag,
				day: now.toISOString().slice(0, 10),
				notFound: 4,
				forbidden: UNUSUAL_VISITOR_REFUSALS
			})
		]);
		await expect(listVisitorDenials({ db: app.db, actor: admin.actor, now })).rejects.toMatchObject(
			{ code: 'not_found' }
		);
	});
});
