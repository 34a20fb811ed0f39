import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { groupProgrammes, programmeVersions } from './programmes.schema';
import { importProgrammeFolder } from './import-programme';
import { listProgrammes } from './list-programmes';
import { englishOnly } from '../testing/programme-folders';
import { locales } from '../i18n/locale';

const PEER = 'content/programmes/paths-to-everyday-life';

/** A copy of a shipped programme folder that a test may edit (English only). */
const copyOf = englishOnly;

describe.each(dbKinds)('group programme import on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('imports the shipped PEER course with ten themes, and a new version only when text changed', async () => {
		const site = await makeSite(app);
		const folder = copyOf(PEER);
		try {
			const first = await importProgrammeFolder({
				db: app.db,
				actor: null,
				siteId: site.id,
				folder
			});
			expect(first).toMatchObject({
				slug: 'paths-to-everyday-life',
				created: true,
				versionsCreated: 1
			});
			const again = await importProgrammeFolder({
				db: app.db,
				actor: null,
				siteId: site.id,
				folder
			});
			expect(again).toMatchObject({ created: false, versionsCreated: 0, versionsUnchanged: 1 });

			const en = join(folder, 'en.md');
			writeFileSync(
				en,
				readFileSync(en, 'utf8').replace('Getting started and', 'Starting out and')
			);
			const changed = await importProgrammeFolder({
				db: app.db,
				actor: null,
				siteId: site.id,
				folder
			});
			expect(changed).toMatchObject({ versionsCreated: 1 });

			const versions = await app.db
				.select({ version: programmeVersions.version, status: programmeVersions.status })
				.from(programmeVersions)
				.where(eq(programmeVersions.programmeId, first.programmeId));
			expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
			expect(versions.every((v) => v.status === 'published')).toBe(true);

			const [newest] = await app.db
				.select({ content: programmeVersions.content })
				.from(programmeVersions)
				.where(
					and(
						eq(programmeVersions.programmeId, first.programmeId),
						eq(programmeVersions.version, 2)
					)
				);
			expect(newest?.content.sessions).toHaveLength(10);
			expect(newest?.content.sessions[0]?.theme).toBe(
				'Starting out and making our group agreement'
			);

			const admin = (await makePerson(app, site, ['site_admin'])).actor;
			const { programmes } = await listProgrammes({
				db: app.db,
				actor: admin,
				input: { locale: 'en' }
			});
			expect(programmes).toEqual([
				expect.objectContaining({
					slug: 'paths-to-everyday-life',
					title: 'Paths to everyday life',
					kind: 'course',
					sessionCount: 10,
					rhythm: 'weekly',
					groups: 0
				})
			]);
			expect(programmes[0]?.states.en).toBe('published');
			// Only people who edit content or run groups see the programme list.
			const peer = (await makePerson(app, site, ['peer_worker'])).actor;
			await expect(
				listProgrammes({ db: app.db, actor: peer, input: { locale: 'en' } })
			).rejects.toMatchObject({ code: 'not_found' });
		} finally {
			rmSync(join(folder, '..'), { recursive: true, force: true });
		}
	});

	it('ships both programmes in every language Kith speaks', async () => {
		const site = await makeSite(app, { locales: [...locales] });
		for (const folder of [PEER, 'content/programmes/peer-circle']) {
			const r = await importProgrammeFolder({ db: app.db, actor: null, siteId: site.id, folder });
			expect(r.versionsCreated, folder).toBe(locales.length);
		}
	});

	it('imports the ongoing peer circle with no fixed sessions', async () => {
		const site = await makeSite(app);
		const r = await importProgrammeFolder({
			db: app.db,
			actor: null,
			siteId: site.id,
			folder: englishOnly('content/programmes/peer-circle')
		});
		const [row] = await app.db
			.select()
			.from(groupProgrammes)
			.where(and(eq(groupProgrammes.id, r.programmeId)));
		expect(row).toMatchObject({ kind: 'ongoing', sessionCount: null, rhythm: 'weekly' });
	});

	it('refuses bad front matter, naming file, line and field, and writes nothing', async () => {
		const site = await makeSite(app);
		const folder = copyOf(PEER);
		try {
			const en = join(folder, 'en.md');
			const text = readFileSync(en, 'utf8');
			// Line 3 of en.md is "summary: >-"; give the file an unknown field and a bad number.
			writeFileSync(
				en,
				text.replace('summary: >-', 'sumary: >-').replace('  - number: 4\n', '  - number: four\n')
			);
			const attempt = importProgrammeFolder({ db: app.db, actor: null, siteId: site.id, folder });
			await expect(attempt).rejects.toThrow(/en\.md line 3: sumary: unknown field/);
			await expect(
				importProgrammeFolder({ db: app.db, actor: null, siteId: site.id, folder })
			).rejects.toThrow(/en\.md line \d+: sessions\[3\]\.number: must be a whole number/);

			writeFileSync(en, text);
			const yaml = join(folder, 'programme.yaml');
			writeFileSync(
				yaml,
				readFileSync(yaml, 'utf8').replace('sessionCount: 10', 'sessionCount: 9')
			);
			await expect(
				importProgrammeFolder({ db: app.db, actor: null, siteId: site.id, folder })
			).rejects.toThrow(/en\.md line \d+: sessions: programme\.yaml says sessionCount 9/);

			writeFileSync(yaml, 'kind: workshop\nsessionCount: 10\n');
			await expect(
				importProgrammeFolder({ db: app.db, actor: null, siteId: site.id, folder })
			).rejects.toThrow(/programme\.yaml line 1: kind: unknown kind "workshop"/);

			const rows = await app.db
				.select()
				.from(groupProgrammes)
				.where(eq(groupProgrammes.siteId, site.id));
			expect(rows).toEqual([]);
		} finally {
			rmSync(join(folder, '..'), { recursive: true, force: true });
		}
	});

	it('refuses a language the site does not offer', async () => {
		const site = await makeSite(app, { locales: ['da'], defaultLocale: 'da' });
		await expect(
			importProgrammeFolder({ db: app.db, actor: null, siteId: site.id, folder: PEER })
		).rejects.toThrow(/en\.md: site "site-\w+" does not offer "en"/);
	});
});
