import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { programmeVersions } from '../programmes/programmes.schema';
import { testProgrammeContent } from '../testing/group-factory';
import { getGroup } from '../groups/get-group';
import { ZUpdateSiteInput } from './site.validation';
import { updateSite } from './update-site';
import { crisisPageOf } from './crisis-page';

describe.each(dbKinds)('crisis contacts and programmes in every language on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const form = (overrides: Record<string, unknown> = {}) => ({
		name: 'Kituo',
		defaultLocale: 'en',
		locales: ['en', 'sw', 'he'],
		timeZone: 'Africa/Dar_es_Salaam',
		crisisContacts: [
			'Emergency | 112 | | | 24 hours | Call if someone is in danger now.',
			'Listening line | +255 700 000 000 | | | Evenings'
		].join('\n'),
		crisisWords_sw: 'Dharura | Saa 24 | Piga simu kama mtu yuko hatarini sasa.',
		...overrides
	});

	it('shows each contact in the reader’s language where the site wrote it, the numbers the same', async () => {
		const site = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		await updateSite({ db: app.db, actor: admin.actor, input: ZUpdateSiteInput.parse(form()) });

		const sw = await crisisPageOf({ db: app.db, slug: site.slug, locale: 'sw' });
		expect(sw?.crisis?.contacts).toEqual([
			{
				lang: 'sw',
				name: 'Dharura',
				phone: '112',
				hours: 'Saa 24',
				description: 'Piga simu kama mtu yuko hatarini sasa.'
			},
			// Not written in Swahili: shown in English, and marked so.
			{ lang: 'en', name: 'Listening line', phone: '+255 700 000 000', hours: 'Evenings' }
		]);
		const he = await crisisPageOf({ db: app.db, slug: site.slug, locale: 'he' });
		expect(he?.crisis?.contacts.map((c) => [c.lang, c.name])).toEqual([
			['en', 'Emergency'],
			['en', 'Listening line']
		]);
	});

	it('refuses words for more contacts than there are, or a line without a name, next to the field', () => {
		const extra = ZUpdateSiteInput.safeParse(form({ crisisWords_he: 'א\nב\nג' }));
		expect(extra.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
			['crisisWords_he', 'crisis_err_words_extra']
		]);
		const nameless = ZUpdateSiteInput.safeParse(form({ crisisWords_sw: ' | Saa 24' }));
		expect(nameless.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
			['crisisWords_sw', 'crisis_err_words_line']
		]);
		// An empty line keeps that contact in the default language.
		const gap = ZUpdateSiteInput.parse(form({ crisisWords_sw: '\nSimu ya kusikiliza' }));
		expect(gap.crisisContacts.map((c) => c.words?.sw?.name)).toEqual([
			undefined,
			'Simu ya kusikiliza'
		]);
	});

	it('shows a group’s programme in the group’s language, and names the languages it is written in', async () => {
		const site = await makeSite(app, { locales: ['en', 'da', 'he'] });
		const g = await makeGroup(app, site);
		const [member] = g.members;
		if (!member) throw new Error('no member');
		await app.db.insert(programmeVersions).values({
			programmeId: g.programmeId,
			locale: 'da',
			version: 1,
			status: 'published',
			source: '',
			content: { ...testProgrammeContent(3), title: 'Veje', summary: 'Et forløb.' }
		});
		const read = (locale: string) =>
			getGroup({ db: app.db, actor: member, input: { groupId: g.groupId, locale } });
		expect((await read('da')).programme).toMatchObject({
			title: 'Test paths',
			locale: 'en',
			languages: ['da', 'en']
		});
		// Missing in Hebrew: the page can say so, and offer Danish and English.
		expect((await read('he')).programme).toMatchObject({
			title: 'Test paths',
			locale: 'en',
			languages: ['da', 'en']
		});
	});
});
