import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { rowsOf } from '../db/client';
import { auditLog } from '../audit/audit.schema';
import type { Site } from '../sites/sites.schema';
import { courseModules, courses, courseTexts, lessons, lessonVersions } from './courses.schema';
import { CourseFormatError } from './course-format';
import { parseCourse } from './parse-course';
import { parseCourseFiles } from './parse-course-files';
import { importCourse, importCourseFolder } from './import-course';
import {
	editFixture,
	fixtureFiles,
	fixtureFolder,
	writeTempCourse
} from './fixtures/fixture-files';

const SMALL_WINS = 'lessons/noticing/small-wins.en.md';

describe.each(dbKinds)('importing a course on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	/** Rows of every table an import writes, to prove a refused import wrote nothing. */
	async function counts() {
		const result = await app.db.execute(sql`select
			(select count(*)::int from courses) as courses,
			(select count(*)::int from course_texts) as course_texts,
			(select count(*)::int from course_modules) as modules,
			(select count(*)::int from module_texts) as module_texts,
			(select count(*)::int from lessons) as lessons,
			(select count(*)::int from lesson_versions) as versions,
			(select count(*)::int from audit_log) as audit`);
		return rowsOf<Record<string, number>>(result)[0];
	}

	const importFiles = (site: Site, files: Record<string, string>) =>
		importCourse({ db: app.db, actor: null, siteId: site.id, course: parseCourseFiles(files) });

	async function latest(siteId: string, lessonSlug: string, locale: string) {
		const [row] = await app.db
			.select({
				version: lessonVersions.version,
				content: lessonVersions.content,
				status: lessonVersions.status,
				createdBy: lessonVersions.createdBy
			})
			.from(lessonVersions)
			.innerJoin(lessons, eq(lessons.id, lessonVersions.lessonId))
			.innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
			.innerJoin(courses, eq(courses.id, courseModules.courseId))
			.where(
				and(
					eq(courses.siteId, siteId),
					eq(lessons.slug, lessonSlug),
					eq(lessonVersions.locale, locale)
				)
			)
			.orderBy(desc(lessonVersions.version))
			.limit(1);
		return row;
	}

	it('creates the course, its texts, modules, lessons and published versions, and audits it', async () => {
		const site = await makeSite(app);
		const result = await importCourseFolder({
			db: app.db,
			actor: null,
			siteId: site.id,
			folder: fixtureFolder
		});
		expect(result).toMatchObject({
			slug: 'steady-steps',
			created: true,
			modules: 2,
			lessons: 3,
			versionsCreated: 4,
			versionsUnchanged: 0
		});

		const [course] = await app.db.select().from(courses).where(eq(courses.id, result.courseId));
		expect(course).toMatchObject({
			siteId: site.id,
			slug: 'steady-steps',
			category: 'skills',
			isSample: true
		});
		const texts = await app.db
			.select()
			.from(courseTexts)
			.where(eq(courseTexts.courseId, result.courseId));
		expect(texts.map((t) => [t.locale, t.title, t.summary]).sort()).toEqual([
			['en', 'Steady steps', "A tiny course used by Kith's own tests."],
			['he', 'צעדים יציבים', '']
		]);
		const modules = await app.db
			.select()
			.from(courseModules)
			.where(eq(courseModules.courseId, result.courseId));
		expect(modules.map((m) => [m.slug, m.position]).sort()).toEqual([
			['asking-for-help', 1],
			['noticing', 0]
		]);

		const v = await latest(site.id, 'small-wins', 'en');
		expect(v).toMatchObject({ version: 1, status: 'published', createdBy: null });
		expect(v?.content.html).toContain('<h2>Why small wins matter</h2>');
		expect(v?.content.html).toContain('<img src="/images/tea.jpg" alt="A cup of tea on a table"');
		expect(v?.content).toMatchObject({
			checks: [{ key: 'what-counts', options: [{ correct: false }, { correct: true }] }],
			reflections: [{ key: 'last-small-win' }],
			homeAssignment: { text: 'Each evening, note one small win from the day.' },
			audio: { src: '/audio/small-wins.mp3' }
		});
		expect((await latest(site.id, 'small-wins', 'he'))?.version).toBe(1);

		const [audit] = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'course.import'), eq(auditLog.siteId, site.id)));
		expect(audit).toMatchObject({
			actingRole: 'operator',
			entityId: result.courseId,
			outcome: 'success'
		});
	});

	it('creates no new versions when the same course is imported again', async () => {
		const site = await makeSite(app);
		await importCourseFolder({ db: app.db, actor: null, siteId: site.id, folder: fixtureFolder });
		const before = await counts();
		const again = await importCourseFolder({
			db: app.db,
			actor: null,
			siteId: site.id,
			folder: fixtureFolder
		});
		expect(again).toMatchObject({ created: false, versionsCreated: 0, versionsUnchanged: 4 });
		expect(await counts()).toEqual({ ...before, audit: (before?.audit ?? 0) + 1 });
	});

	it('adds version 2 only for the lesson and language that changed', async () => {
		const site = await makeSite(app);
		await importFiles(site, fixtureFiles());
		const changed = editFixture(SMALL_WINS, 'Big goals are made of', 'Large goals are built from');
		const result = await importFiles(site, changed);
		expect(result).toMatchObject({ versionsCreated: 1, versionsUnchanged: 3 });
		const v = await latest(site.id, 'small-wins', 'en');
		expect(v?.version).toBe(2);
		expect(v?.content.html).toContain('Large goals are built from');
		expect((await latest(site.id, 'small-wins', 'he'))?.version).toBe(1);
		expect((await latest(site.id, 'who-can-help', 'en'))?.version).toBe(1);
	});

	it('names file, line and field for invalid front matter, and writes nothing', async () => {
		const site = await makeSite(app);
		const folder = writeTempCourse(
			editFixture(
				SMALL_WINS,
				'- text: Only big changes count.',
				'- text: Only big changes count.\n        correct: true'
			)
		);
		try {
			const before = await counts();
			const attempt = importCourseFolder({ db: app.db, actor: null, siteId: site.id, folder });
			await expect(attempt).rejects.toBeInstanceOf(CourseFormatError);
			await expect(attempt).rejects.toThrow(
				`${folder}/${SMALL_WINS} line 7: checks[0].options: exactly one option must be correct`
			);
			expect(await counts()).toEqual(before);
		} finally {
			rmSync(dirname(folder), { recursive: true, force: true });
		}
	});

	it('writes nothing when the database fails half way through', async () => {
		const site = await makeSite(app);
		// A trigger that fails the last lesson version, after the course and other rows are in.
		await app.db
			.execute(sql`create or replace function kith_test_fail() returns trigger language plpgsql as $$
			begin if new.title = 'Who can help' then raise exception 'failing on purpose'; end if; return new; end $$`);
		await app.db.execute(
			sql`create trigger kith_test_fail before insert on lesson_versions for each row execute function kith_test_fail()`
		);
		try {
			const before = await counts();
			await expect(importFiles(site, fixtureFiles())).rejects.toThrow();
			expect(await counts()).toEqual(before);
		} finally {
			await app.db.execute(sql`drop trigger kith_test_fail on lesson_versions`);
		}
	});

	it('refuses a lesson in a language the site does not offer, naming the file', async () => {
		const site = await makeSite(app, { locales: ['en'], defaultLocale: 'en' });
		const before = await counts();
		const attempt = importCourseFolder({
			db: app.db,
			actor: null,
			siteId: site.id,
			folder: fixtureFolder
		});
		await expect(attempt).rejects.toMatchObject({
			code: 'invalid_input',
			issues: expect.arrayContaining([
				expect.objectContaining({
					file: 'course.md',
					line: 8,
					field: 'title.he',
					message: expect.stringContaining('does not offer "he"')
				}),
				expect.objectContaining({
					file: 'lessons/noticing/small-wins.he.md',
					message: expect.stringContaining('does not offer "he"')
				})
			])
		});
		expect(await counts()).toEqual(before);
	});

	it('lets a site admin import into their own site, and nobody else', async () => {
		const site = await makeSite(app);
		const other = await makeSite(app);
		const course = await parseCourse(fixtureFolder);
		const { actor: member } = await makePerson(app, site, ['member']);
		const { actor: professional } = await makePerson(app, site, ['professional']);
		const { actor: otherAdmin } = await makePerson(app, other, ['site_admin']);
		const before = await counts();
		for (const actor of [member, professional, otherAdmin])
			await expect(
				importCourse({ db: app.db, actor, siteId: site.id, course })
			).rejects.toMatchObject({ code: 'not_found' });
		expect(await counts()).toEqual(before);

		const { actor: admin, userId } = await makePerson(app, site, ['site_admin']);
		await importCourse({ db: app.db, actor: admin, siteId: site.id, course });
		expect((await latest(site.id, 'small-wins', 'en'))?.createdBy).toBe(userId);
		const [audit] = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'course.import'), eq(auditLog.siteId, site.id)));
		expect(audit).toMatchObject({ actorUserId: userId, actingRole: 'site_admin' });
	});

	it('stores script injected into lesson content as inert HTML', async () => {
		const site = await makeSite(app);
		const attack = [
			'<script>alert("x")</script>',
			'<img src=x onerror="alert(1)">',
			'<svg onload="alert(1)"></svg>',
			'<a href="javascript:alert(1)">click</a>',
			'<iframe src="https://evil.example"></iframe>',
			'`<script>alert(2)</script>`'
		].join('\n\n');
		await importFiles(
			site,
			editFixture(SMALL_WINS, '## Why small wins matter', `${attack}\n\n## Why small wins matter`)
		);
		const html = (await latest(site.id, 'small-wins', 'en'))?.content.html ?? '';
		expect(html).not.toMatch(/<script|<svg|<iframe|javascript:|<[^>]*\son\w+=/i);
		expect(html).toContain('<code>&lt;script&gt;alert(2)&lt;/script&gt;</code>');
		expect(html).toContain('<h2>Why small wins matter</h2>');
	});

	it('refuses links and images that rendering would have to drop, on their line', async () => {
		const site = await makeSite(app);
		const files = editFixture(
			SMALL_WINS,
			'[the help pages](/help)',
			'[the help pages](javascript:alert(1))'
		);
		const bad = editFixture(SMALL_WINS, '![A cup of tea on a table]', '![]', files);
		await expect(importFiles(site, bad)).rejects.toMatchObject({
			issues: [
				expect.objectContaining({
					file: SMALL_WINS,
					line: 25,
					field: 'image',
					message: expect.stringContaining('alt text')
				}),
				expect.objectContaining({ file: SMALL_WINS, line: 27, field: 'link' })
			]
		});
	});

	it('refuses an import that would remove a lesson members may have progress in', async () => {
		const site = await makeSite(app);
		await importFiles(site, fixtureFiles());
		const files = editFixture('course.md', '[small-wins, a-calm-minute]', '[small-wins]');
		delete files['lessons/noticing/a-calm-minute.en.md'];
		const before = await counts();
		await expect(importFiles(site, files)).rejects.toMatchObject({
			issues: [
				expect.objectContaining({ message: expect.stringContaining('lesson "a-calm-minute"') })
			]
		});
		expect(await counts()).toEqual(before);
	});
});
