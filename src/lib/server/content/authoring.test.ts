import { describe, expect, it } from 'vitest';
import { startingPoint, translationState } from './authoring';

describe('translationState', () => {
	const v = (locale: string, status: 'draft' | 'published', version: number) => ({
		locale,
		status,
		version
	});

	it('tells published, a newer draft beside it, drafts only and nothing apart', () => {
		const versions = [
			v('en', 'published', 1),
			v('da', 'draft', 1),
			v('he', 'published', 1),
			v('he', 'draft', 2),
			v('de', 'draft', 1),
			v('de', 'published', 2)
		];
		expect(translationState(versions, 'en')).toBe('published');
		expect(translationState(versions, 'da')).toBe('draft');
		expect(translationState(versions, 'he')).toBe('newer_draft');
		// A draft older than the published version waits for nothing.
		expect(translationState(versions, 'de')).toBe('published');
		expect(translationState(versions, 'sw')).toBe('missing');
	});
});

describe('startingPoint', () => {
	const site = { defaultLocale: 'en', locales: ['en', 'da', 'he'] };
	const texts: Record<string, { source: string; version: number; status: 'draft' }> = {
		en: { source: 'English', version: 3, status: 'draft' },
		he: { source: 'Hebrew', version: 1, status: 'draft' }
	};
	const newest = async (locale: string) => texts[locale];

	it('starts from the language itself, else the default language to translate, else nothing', async () => {
		expect(await startingPoint(site, 'he', newest)).toEqual({
			source: 'Hebrew',
			from: 'own',
			sourceLocale: 'he',
			version: { version: 1, status: 'draft' }
		});
		expect(await startingPoint(site, 'da', newest)).toMatchObject({
			source: 'English',
			from: 'default',
			sourceLocale: 'en',
			version: null
		});
		expect(await startingPoint(site, 'da', async () => undefined)).toMatchObject({
			source: '',
			from: 'empty'
		});
	});
});
