import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { memberships, profiles } from './people.schema';
import { siteNames, sitePeople } from './names';

describe.each(dbKinds)('naming people for staff on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const rename = (userId: string, name: string) =>
		app.db.update(profiles).set({ displayName: name }).where(eq(profiles.userId, userId));
	const joined = (siteId: string, userId: string, at: string) =>
		app.db
			.update(memberships)
			.set({ createdAt: new Date(at) })
			.where(and(eq(memberships.siteId, siteId), eq(memberships.userId, userId)));

	it('tells two people of one name apart in a picker by the day they came, and no one else', async () => {
		const site = await makeSite(app);
		const first = await makePerson(app, site, ['member']);
		const second = await makePerson(app, site, ['member']);
		const other = await makePerson(app, site, ['member']);
		await rename(first.userId, 'Ana Silva');
		await rename(second.userId, 'ana silva ');
		await rename(other.userId, 'Bo Berg');
		await joined(site.id, first.userId, '2026-03-03T10:00:00Z');
		await joined(site.id, second.userId, '2026-09-14T10:00:00Z');

		const people = await sitePeople(app.db, site.id, ['member']);
		expect(people).toEqual([
			{ userId: first.userId, name: 'Ana Silva', joinedOn: '2026-03-03' },
			{ userId: second.userId, name: 'ana silva ', joinedOn: '2026-09-14' },
			{ userId: other.userId, name: 'Bo Berg' }
		]);
	});

	it('names in a site’s records only people who hold or held a role there', async () => {
		const site = await makeSite(app);
		const elsewhere = await makeSite(app);
		const staff = await makePerson(app, site, ['professional']);
		const stranger = await makePerson(app, elsewhere, ['member']);
		await rename(staff.userId, 'Dr Kim');
		const names = await siteNames(app.db, site.id, [staff.userId, stranger.userId, 'no-one']);
		expect([...names]).toEqual([[staff.userId, 'Dr Kim']]);
	});
});
