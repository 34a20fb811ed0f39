import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { parseCourse } from './parse-course';
import { parseCourseFiles } from './parse-course-files';
import type { ParsedCourse } from './course-format';
import { importCourse } from './import-course';
import { exportCourse, exportCourseFiles } from './export-course';
import { editFixture, fixtureFolder } from './fixtures/fixture-files';

/** The course without course.md line numbers, which a rewritten course.md may move. */
const shape = (c: ParsedCourse) => ({
	...c,
	courseLocales: c.courseLocales.map(({ locale, field }) => ({ locale, field }))
});

describe.each(dbKinds)('exporting a course on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('round-trips: import, export and parse give the same course', async () => {
		const site = await makeSite(app);
		const course = await parseCourse(fixtureFolder);
		await importCourse({ db: app.db, actor: null, siteId: site.id, course });
		const out = mkdtempSync(join(tmpdir(), 'kith-export-'));
		try {
			const folder = join(out, 'steady-steps');
			const { files } = await exportCourse({
				db: app.db,
				actor: null,
				siteId: site.id,
				courseSlug: 'steady-steps',
				folder
			});
			expect(files).toBe(5);
			expect(shape(await parseCourse(folder))).toEqual(shape(course));
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	});

	it('exports the latest version of each lesson', async () => {
		const site = await makeSite(app);
		await importCourse({
			db: app.db,
			actor: null,
			siteId: site.id,
			course: await parseCourse(fixtureFolder)
		});
		const changed = editFixture(
			'lessons/noticing/a-calm-minute.en.md',
			'Do this for one minute.',
			'Do this for two minutes.'
		);
		await importCourse({
			db: app.db,
			actor: null,
			siteId: site.id,
			course: parseCourseFiles(changed)
		});
		const files = await exportCourseFiles({
			db: app.db,
			actor: null,
			siteId: site.id,
			courseSlug: 'steady-steps'
		});
		expect(files['lessons/noticing/a-calm-minute.en.md']).toBe(
			changed['lessons/noticing/a-calm-minute.en.md']
		);
		expect(shape(parseCourseFiles(files))).toEqual(shape(parseCourseFiles(changed)));
	});

	it('refuses a folder that is not empty, and anyone but a site admin of the site', async () => {
		const site = await makeSite(app);
		await importCourse({
			db: app.db,
			actor: null,
			siteId: site.id,
			course: await parseCourse(fixtureFolder)
		});
		const out = mkdtempSync(join(tmpdir(), 'kith-export-'));
		try {
			writeFileSync(join(out, 'keep.txt'), 'mine');
			await expect(
				exportCourse({
					db: app.db,
					actor: null,
					siteId: site.id,
					courseSlug: 'steady-steps',
					folder: out
				})
			).rejects.toMatchObject({ code: 'conflict' });
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
		const { actor: member } = await makePerson(app, site, ['member']);
		await expect(
			exportCourseFiles({ db: app.db, actor: member, siteId: site.id, courseSlug: 'steady-steps' })
		).rejects.toMatchObject({ code: 'not_found' });
		const { actor: admin } = await makePerson(app, site, ['site_admin']);
		await expect(
			exportCourseFiles({ db: app.db, actor: admin, siteId: site.id, courseSlug: 'no-such-course' })
		).rejects.toMatchObject({ code: 'not_found' });
		expect(
			Object.keys(
				await exportCourseFiles({
					db: app.db,
					actor: admin,
					siteId: site.id,
					courseSlug: 'steady-steps'
				})
			)
		).toHaveLength(5);
	});
});
