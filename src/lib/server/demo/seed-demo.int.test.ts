import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGroupId } from './seed-demo-group';
import { demoRoomIds } from './demo-room-ids';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { rand } from '../testing/factories';
import { getSiteBySlug } from '../sites/get-site';
import { courses } from '../courses/courses.schema';
import { groupFacilitators, groupMembers, groups, groupSessions } from '../groups/groups.schema';
import { editFixture, fixtureFolder, writeTempCourse } from '../courses/fixtures/fixture-files';
import { seedDemo } from './seed-demo';

describe.each(dbKinds)('demo seed courses on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('imports every course folder into the demo site', async () => {
		const slug = `demo-${rand()}`;
		const seeded = await seedDemo({
			app,
			password: 'demo-pass-1234',
			slug,
			emailDomain: `${slug}.test.kith.local`,
			coursesDir: dirname(fixtureFolder)
		});
		expect(seeded?.courses).toEqual(['steady-steps']);
		const site = await getSiteBySlug({ db: app.db, slug });
		const rows = await app.db
			.select()
			.from(courses)
			.where(eq(courses.siteId, site?.id ?? ''));
		expect(rows.map((c) => c.slug)).toEqual(['steady-steps']);
		// The shipped group programmes, a running PEER group led by the two demo peers with both
		// demo members in it, and an ongoing peer circle whose live room can be opened.
		expect(seeded?.programmes).toEqual(['paths-to-everyday-life', 'peer-circle']);
		const siteGroups = await app.db
			.select()
			.from(groups)
			.where(eq(groups.siteId, site?.id ?? ''));
		expect(siteGroups.map((g) => g.id).sort()).toEqual(
			[demoGroupId(slug), demoRoomIds(slug).groupId].sort()
		);
		const group = siteGroups.find((g) => g.id === demoGroupId(slug));
		const leaders = await app.db
			.select()
			.from(groupFacilitators)
			.where(eq(groupFacilitators.groupId, group?.id ?? ''));
		const members = await app.db
			.select()
			.from(groupMembers)
			.where(eq(groupMembers.groupId, group?.id ?? ''));
		const sessions = await app.db
			.select()
			.from(groupSessions)
			.where(eq(groupSessions.groupId, group?.id ?? ''));
		expect(leaders).toHaveLength(2);
		expect(members.map((m) => m.status)).toEqual(['member', 'member']);
		expect(sessions.length).toBeGreaterThan(1);
	});

	it('fails on a broken course file, naming it, before creating the site', async () => {
		const slug = `demo-${rand()}`;
		const folder = writeTempCourse(
			editFixture('course.md', 'category: skills', 'category: astrology')
		);
		try {
			const attempt = seedDemo({
				app,
				password: 'demo-pass-1234',
				slug,
				coursesDir: dirname(folder)
			});
			await expect(attempt).rejects.toThrow(
				/course\/course\.md line 4: category: unknown category/
			);
		} finally {
			rmSync(dirname(folder), { recursive: true, force: true });
		}
		expect(await getSiteBySlug({ db: app.db, slug })).toBeNull();
	});
});
