import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, rand } from '../testing/factories';
import { auditLog } from '../audit/audit.schema';
import { groupProgrammes, programmeVersions } from './programmes.schema';
import { importProgrammeFolder } from './import-programme';
import { createProgramme } from './create-programme';
import { listProgrammes, groupFormChoices } from './list-programmes';
import { getProgrammeSource } from './get-programme-source';
import { previewProgramme } from './preview-programme';
import { saveProgrammeVersion } from './save-programme-version';
import { listProgrammeVersions } from './list-programme-versions';
import { restoreProgrammeVersion } from './restore-programme-version';
import { openGroup } from '../groups/open-group';
import { joinGroup } from '../groups/join-group';
import { getGroup } from '../groups/get-group';
import { programmeText } from './programme-text';
import { ProgrammeFormatError, type ProgrammeIssue } from './parse-programme';
import { englishOnly } from '../testing/programme-folders';

// The shipped programmes in English only: these tests add and publish other languages themselves.
const PATHS = 'content/programmes/paths-to-everyday-life';
const CIRCLE = 'content/programmes/peer-circle';
const english = readFileSync(`${PATHS}/en.md`, 'utf8');
/** The shipped English text with another title: enough to tell versions apart. */
const titled = (title: string) =>
	english.replace(/^title: Paths to everyday life$/m, `title: ${title}`);

/** The problems a use case refused with, or a failure if it did not refuse. */
async function issuesOf(attempt: Promise<unknown>): Promise<ProgrammeIssue[]> {
	const e: unknown = await attempt.then(
		() => null,
		(err: unknown) => err
	);
	if (!(e instanceof ProgrammeFormatError)) throw new Error(`expected a format error, got ${e}`);
	return e.issues;
}

describe.each(dbKinds)('authoring group programmes on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	/** A site with the shipped programmes, as the demo seed imports them, and its people. */
	async function setting() {
		const site = await makeSite(app, { locales: ['en', 'da', 'he'] });
		for (const folder of [PATHS, CIRCLE])
			await importProgrammeFolder({
				db: app.db,
				actor: null,
				siteId: site.id,
				folder: englishOnly(folder)
			});
		const admin = await makePerson(app, site, ['site_admin']);
		const editor = await makePerson(app, site, ['content_editor']);
		const peers = [
			await makePerson(app, site, ['peer_worker']),
			await makePerson(app, site, ['peer_worker'])
		];
		const member = await makePerson(app, site, ['member']);
		const versionsOf = async (slug: string, locale: string) =>
			app.db
				.select({
					version: programmeVersions.version,
					status: programmeVersions.status,
					createdBy: programmeVersions.createdBy,
					source: programmeVersions.source
				})
				.from(programmeVersions)
				.innerJoin(groupProgrammes, eq(groupProgrammes.id, programmeVersions.programmeId))
				.where(
					and(
						eq(groupProgrammes.siteId, site.id),
						eq(groupProgrammes.slug, slug),
						eq(programmeVersions.locale, locale)
					)
				)
				.orderBy(programmeVersions.version);
		const statesOf = async (slug: string) => {
			const { programmes } = await listProgrammes({
				db: app.db,
				actor: editor.actor,
				input: { locale: 'en' }
			});
			return programmes.find((p) => p.slug === slug)?.states;
		};
		return { site, admin, editor, peers, member, versionsOf, statesOf };
	}

	it('creates a programme from a template: its structure, and every language as a draft groups never offer', async () => {
		const { site, admin, editor, peers, versionsOf, statesOf } = await setting();
		const db = app.db;
		const created = await createProgramme({
			db,
			actor: admin.actor,
			input: { template: 'paths-to-everyday-life', slug: 'paths-autumn' }
		});
		expect(created).toEqual({ slug: 'paths-autumn', locales: ['en'] });
		const [row] = await db
			.select()
			.from(groupProgrammes)
			.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.slug, 'paths-autumn')));
		expect(row).toMatchObject({ kind: 'course', sessionCount: 10, rhythm: 'weekly' });
		expect(await versionsOf('paths-autumn', 'en')).toEqual([
			{ version: 1, status: 'draft', createdBy: admin.userId, source: english }
		]);
		expect(await statesOf('paths-autumn')).toEqual({ en: 'draft', da: 'missing', he: 'missing' });
		expect(await statesOf('paths-to-everyday-life')).toEqual({
			en: 'published',
			da: 'missing',
			he: 'missing'
		});

		// A draft is not offered for a group, nor can a group be opened on it.
		const { programmes } = await groupFormChoices({ db, actor: admin.actor, locale: 'en' });
		expect(programmes.map((p) => p.title).sort()).toEqual([
			'Paths to everyday life',
			'Peer circle'
		]);
		if (!row) throw new Error('no programme');
		await expect(
			openGroup({
				db,
				actor: admin.actor,
				input: {
					programmeId: row.id,
					name: 'Autumn',
					locale: 'en',
					capacity: '',
					enrolment: 'open',
					facilitatorId: peers[0]?.userId ?? '',
					coFacilitatorId: peers[1]?.userId ?? ''
				}
			})
		).rejects.toMatchObject({ fields: { locale: 'groups_err_locale' } });

		// The ongoing peer circle makes an ongoing group with no fixed sessions.
		await createProgramme({
			db,
			actor: admin.actor,
			input: { template: 'peer-circle', slug: 'tuesday-circle' }
		});
		const [circle] = await db
			.select()
			.from(groupProgrammes)
			.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.slug, 'tuesday-circle')));
		expect(circle).toMatchObject({ kind: 'ongoing', sessionCount: null });

		for (const slug of ['paths-autumn', 'peer-circle'])
			await expect(
				createProgramme({ db, actor: admin.actor, input: { template: 'peer-circle', slug } })
			).rejects.toMatchObject({ code: 'conflict', fields: { slug: 'programme_err_slug_taken' } });
		await expect(
			createProgramme({ db, actor: admin.actor, input: { template: 'no-such', slug: 'x' } })
		).rejects.toMatchObject({ fields: { template: 'programme_err_template' } });
		// Content editors write programme texts; defining a programme is for those who run groups.
		await expect(
			createProgramme({
				db,
				actor: editor.actor,
				input: { template: 'peer-circle', slug: `c-${rand()}` }
			})
		).rejects.toMatchObject({ code: 'not_found' });

		const audit = await db
			.select({ action: auditLog.action, details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'programme.create')));
		expect(audit).toEqual(
			expect.arrayContaining([
				{
					action: 'programme.create',
					details: { slug: 'paths-autumn', template: 'paths-to-everyday-life', languages: 1 }
				}
			])
		);
		expect(audit).toHaveLength(2);
	});

	it('saves drafts and publishes per language with a history; groups read only the published version', async () => {
		const { site, admin, editor, peers, member, versionsOf, statesOf } = await setting();
		const db = app.db;
		const slug = 'paths-to-everyday-life';
		const at = (locale: string) => ({ programme: slug, locale });

		// Danish has no text yet: the editor starts from English to translate.
		expect(await getProgrammeSource({ db, actor: editor.actor, input: at('da') })).toMatchObject({
			from: 'default',
			sourceLocale: 'en',
			source: english,
			version: null,
			programme: { slug, kind: 'course', sessionCount: 10 }
		});
		const preview = await previewProgramme({
			db,
			actor: editor.actor,
			input: { ...at('da'), source: titled('Veje til hverdagen') }
		});
		expect(preview).toMatchObject({ title: 'Veje til hverdagen' });
		expect(preview.sessions).toHaveLength(10);
		expect(preview.agreementHtml).toContain('<strong>');
		expect(await versionsOf(slug, 'da')).toEqual([]);

		const draft = { ...at('da'), source: titled('Veje til hverdagen'), status: 'draft' as const };
		expect(await saveProgrammeVersion({ db, actor: editor.actor, input: draft })).toEqual({
			version: 1,
			status: 'draft'
		});
		expect((await statesOf(slug))?.da).toBe('draft');
		// Only published languages can hold a group.
		const { programmes: offered } = await groupFormChoices({
			db,
			actor: admin.actor,
			locale: 'da'
		});
		expect(offered.find((p) => p.title === 'Paths to everyday life')?.locales).toEqual(['en']);

		await saveProgrammeVersion({
			db,
			actor: editor.actor,
			input: { ...draft, status: 'published' }
		});
		expect((await statesOf(slug))?.da).toBe('published');
		const [programme] = await db
			.select({ id: groupProgrammes.id })
			.from(groupProgrammes)
			.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.slug, slug)));
		const [peerA, peerB] = peers;
		if (!programme || !peerA || !peerB) throw new Error('setting incomplete');
		const { id: groupId } = await openGroup({
			db,
			actor: peerA.actor,
			input: {
				programmeId: programme.id,
				name: 'Tirsdagsgruppen',
				locale: 'da',
				capacity: '',
				enrolment: 'open',
				facilitatorId: peerA.userId,
				coFacilitatorId: peerB.userId
			}
		});
		await joinGroup({ db, actor: member.actor, input: { groupId } });
		const memberSees = async () =>
			(await getGroup({ db, actor: member.actor, input: { groupId, locale: 'en' } })).programme
				.title;
		expect(await memberSees()).toBe('Veje til hverdagen');

		// A newer draft waits beside the published text: members keep the published one.
		await saveProgrammeVersion({
			db,
			actor: editor.actor,
			input: { ...draft, source: titled('Kladde, ikke klar') }
		});
		expect((await statesOf(slug))?.da).toBe('newer_draft');
		expect(await memberSees()).toBe('Veje til hverdagen');
		expect((await programmeText(db, programme.id, 'da', 'en'))?.version).toBe(2);
		expect(await getProgrammeSource({ db, actor: editor.actor, input: at('da') })).toMatchObject({
			from: 'own',
			source: titled('Kladde, ikke klar'),
			version: { version: 3, status: 'draft' }
		});

		const history = await listProgrammeVersions({
			db,
			actor: admin.actor,
			input: { ...at('da'), view: 2 }
		});
		expect(history.versions.map((v) => [v.version, v.status, v.author])).toEqual([
			[3, 'draft', expect.stringMatching(/^Person /)],
			[2, 'published', expect.stringMatching(/^Person /)],
			[1, 'draft', expect.stringMatching(/^Person /)]
		]);
		expect(history.viewed).toMatchObject({ version: 2, shown: { title: 'Veje til hverdagen' } });

		// Restoring the published text makes it a new draft; it shows only once published.
		expect(
			await restoreProgrammeVersion({ db, actor: editor.actor, input: { ...at('da'), version: 2 } })
		).toEqual({ version: 4 });
		expect((await versionsOf(slug, 'da')).map((v) => [v.version, v.status])).toEqual([
			[1, 'draft'],
			[2, 'published'],
			[3, 'draft'],
			[4, 'draft']
		]);
		await expect(
			restoreProgrammeVersion({ db, actor: editor.actor, input: { ...at('da'), version: 9 } })
		).rejects.toMatchObject({ code: 'not_found' });

		const audit = await db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.actorUserId, editor.userId),
					inArray(auditLog.action, [
						'programme.save_draft',
						'programme.publish',
						'programme.restore'
					])
				)
			);
		expect(audit.map((a) => a.action).sort()).toEqual([
			'programme.publish',
			'programme.restore',
			'programme.save_draft',
			'programme.save_draft'
		]);
	});

	it('refuses a text the parser refuses, naming line and field, and saves nothing', async () => {
		const { editor, versionsOf } = await setting();
		const db = app.db;
		const at = { programme: 'paths-to-everyday-life', locale: 'da' };
		const refused = (source: string) =>
			issuesOf(
				saveProgrammeVersion({ db, actor: editor.actor, input: { ...at, source, status: 'draft' } })
			);

		// Line 3 of the shipped file is "summary: >-".
		expect(await refused(english.replace('summary: >-', 'sumary: >-'))).toEqual([
			expect.objectContaining({ line: 2, field: 'summary' }),
			expect.objectContaining({
				line: 3,
				field: 'sumary',
				message: expect.stringMatching(/^unknown field/)
			})
		]);
		const nine = english.slice(0, english.indexOf('  - number: 10\n')) + '---\n';
		expect(await refused(nine)).toEqual([
			expect.objectContaining({
				field: 'sessions',
				line: english.split('\n').indexOf('sessions:') + 1,
				message: expect.stringMatching(/sessionCount 10, but there are 9 sessions/)
			})
		]);
		expect(
			await refused(english.replace('- **Respect.**', '- [Respect](javascript:alert(1)).'))
		).toEqual([
			expect.objectContaining({ field: 'agreement', message: expect.stringMatching(/https/) })
		]);
		// Session logs store fidelity answers by key: every language keeps the same keys.
		expect(await refused(english.replace('key: check-out', 'key: closing-round'))).toEqual([
			expect.objectContaining({
				field: 'fidelityItems',
				line: english.split('\n').indexOf('fidelityItems:') + 1,
				message: expect.stringMatching(/must match the "en" version/)
			})
		]);
		// The preview refuses the same way, and a language the site does not offer is a field error.
		expect(
			await issuesOf(
				previewProgramme({
					db,
					actor: editor.actor,
					input: { ...at, source: english.replace('---\n', '') }
				})
			)
		).toEqual([expect.objectContaining({ line: 1 })]);
		await expect(
			saveProgrammeVersion({
				db,
				actor: editor.actor,
				input: { ...at, locale: 'de', source: english, status: 'draft' }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { lang: expect.any(String) } });
		expect(await versionsOf('paths-to-everyday-life', 'da')).toEqual([]);
		expect(await versionsOf('paths-to-everyday-life', 'de')).toEqual([]);
	});

	it('keeps a draft saved in the editor when the same folder is imported again', async () => {
		const { site, editor, versionsOf, statesOf } = await setting();
		const at = { programme: 'paths-to-everyday-life', locale: 'en' };
		await saveProgrammeVersion({
			db: app.db,
			actor: editor.actor,
			input: { ...at, source: titled('Edited in the app'), status: 'draft' }
		});
		const again = await importProgrammeFolder({
			db: app.db,
			actor: null,
			siteId: site.id,
			folder: englishOnly(PATHS)
		});
		expect(again).toMatchObject({ versionsCreated: 0, versionsUnchanged: 1 });
		expect((await statesOf('paths-to-everyday-life'))?.en).toBe('newer_draft');
		expect((await versionsOf('paths-to-everyday-life', 'en')).map((v) => v.status)).toEqual([
			'published',
			'draft'
		]);
	});

	it('answers "not found" to members, peer workers and another site’s admin', async () => {
		const { member, peers } = await setting();
		const other = await makePerson(app, await makeSite(app, { locales: ['en', 'da', 'he'] }), [
			'site_admin'
		]);
		const at = { programme: 'paths-to-everyday-life', locale: 'en' };
		const create = (actor: typeof other.actor | null) =>
			createProgramme({
				db: app.db,
				actor,
				input: { template: 'paths-to-everyday-life', slug: `c-${rand()}` }
			});
		const editing = (actor: typeof other.actor | null) => [
			() => getProgrammeSource({ db: app.db, actor, input: at }),
			() => previewProgramme({ db: app.db, actor, input: { ...at, source: english } }),
			() =>
				saveProgrammeVersion({
					db: app.db,
					actor,
					input: { ...at, source: english, status: 'published' }
				}),
			() => listProgrammeVersions({ db: app.db, actor, input: at }),
			() => restoreProgrammeVersion({ db: app.db, actor, input: { ...at, version: 1 } })
		];
		for (const actor of [member.actor, peers[0]?.actor ?? null, null]) {
			const calls = [
				() => listProgrammes({ db: app.db, actor, input: { locale: 'en' } }),
				() => create(actor),
				...editing(actor)
			];
			for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'not_found' });
		}
		// Another site's admin finds none of this site's programmes, not even as a template.
		for (const call of editing(other.actor))
			await expect(call()).rejects.toMatchObject({ code: 'not_found' });
		await expect(create(other.actor)).rejects.toMatchObject({
			fields: { template: 'programme_err_template' }
		});
		const theirs = await listProgrammes({
			db: app.db,
			actor: other.actor,
			input: { locale: 'en' }
		});
		expect(theirs.programmes).toEqual([]);
	});
});
