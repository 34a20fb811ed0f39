import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { AppError } from '../errors';
import { postThread } from '../board/post-to-board';
import {
	addRiskPhrase,
	getSafetySettings,
	removeRiskPhrase,
	restoreStarterPhrases,
	setAllowContactDetails
} from './manage-safety';
import { readStarterPhrases } from '../sites/starter-phrases';

describe.each(dbKinds)('site safety settings on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('a new site starts with the starter list of each of its languages', async () => {
		const site = await makeSite(app, { locales: ['en', 'th', 'he'] });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const settings = await getSafetySettings({ db: app.db, actor: admin });
		expect(settings.allowContactDetails).toBe(false);
		for (const locale of ['en', 'th', 'he']) {
			const list = settings.lists.find((l) => l.locale === locale);
			expect(list?.phrases.map((p) => p.phrase).sort()).toEqual(
				(await readStarterPhrases(locale)).sort()
			);
		}
	});

	it('admins add and remove phrases, and new phrases flag posts at once', async () => {
		const site = await makeSite(app);
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const g = await makeGroup(app, site, { members: 1 });
		const member = g.members[0];
		if (!member) throw new Error('no member');
		const post = (body: string) =>
			postThread({ db: app.db, actor: member, input: { groupId: g.groupId, title: 'T', body } });
		expect((await post('I feel like a ghost tonight')).risk).toBe(false);
		await addRiskPhrase({
			db: app.db,
			actor: admin,
			input: { locale: 'en', phrase: 'like a ghost' }
		});
		expect((await post('I feel like a ghost tonight')).risk).toBe(true);
		await expect(
			addRiskPhrase({ db: app.db, actor: admin, input: { locale: 'en', phrase: 'like a ghost' } })
		).rejects.toMatchObject({ fields: { phrase: 'safety_err_phrase_exists' } });
		await expect(
			addRiskPhrase({ db: app.db, actor: admin, input: { locale: 'sw', phrase: 'x' } })
		).rejects.toMatchObject({ fields: { locale: 'err_invalid' } });

		const en = (await getSafetySettings({ db: app.db, actor: admin })).lists.find(
			(l) => l.locale === 'en'
		);
		for (const p of en?.phrases ?? [])
			await removeRiskPhrase({ db: app.db, actor: admin, input: { phraseId: p.id } });
		expect((await post('I want to die')).risk).toBe(false);
		expect(await restoreStarterPhrases({ db: app.db, actor: admin, input: { locale: 'en' } })).toBe(
			(await readStarterPhrases('en')).length
		);
		expect((await post('I want to die')).risk).toBe(true);
	});

	it('the contact-details switch is the admin’s; members and other sites cannot change it', async () => {
		const site = await makeSite(app);
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		await setAllowContactDetails({ db: app.db, actor: admin, input: { allow: true } });
		expect((await getSafetySettings({ db: app.db, actor: admin })).allowContactDetails).toBe(true);
		const member = (await makePerson(app, site, ['member'])).actor;
		const moderator = (await makePerson(app, site, ['moderator'])).actor;
		for (const who of [member, moderator])
			await expect(getSafetySettings({ db: app.db, actor: who })).rejects.toBeInstanceOf(AppError);
		const otherAdmin = (await makePerson(app, await makeSite(app), ['site_admin'])).actor;
		const phrase = (await getSafetySettings({ db: app.db, actor: admin })).lists[0]?.phrases[0];
		await expect(
			removeRiskPhrase({ db: app.db, actor: otherAdmin, input: { phraseId: phrase?.id ?? '' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
