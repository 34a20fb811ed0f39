import { describe, expect, it } from 'vitest';
import { acceptedLanguages, pickLocale } from './locale';

describe('the languages a browser asks for', () => {
	it.each([
		['da;q=0.5, he;q=0.9', ['he', 'da']],
		['da; q=0.5, he; q=0.9', ['he', 'da']],
		['de-AT,de;q=0.9,en-GB;q=0.8,en;q=0.7', ['de', 'de', 'en', 'en']],
		// Equal weights keep the order sent; no q is q=1.
		['sw;q=0.8, th;q=0.8, en', ['en', 'sw', 'th']],
		// q=0 means "not this one"; a broken q or a wildcard says nothing usable.
		['he;q=0, da', ['da']],
		['he;q=abc, th;q=2, da;q=0.1', ['da']],
		['*, en;q=0.1', ['en']],
		['', []],
		[' , ;q=1', []]
	])('%j → %j', (header, languages) => {
		expect(acceptedLanguages(header)).toEqual(languages);
	});
});

describe('the language a page is shown in', () => {
	const site = { siteDefault: 'da', siteLocales: ['da', 'en', 'he'] };
	const visitor = (acceptLanguage: string | null) =>
		pickLocale({ preferred: null, ...site, acceptLanguage });

	it('follows the q-values of the browser', () => {
		expect(visitor('da;q=0.5, he;q=0.9')).toBe('he');
		expect(visitor('he;q=0.4, en-US;q=0.6, da;q=0.5')).toBe('en');
	});

	it('passes over languages the site does not offer to the next one it does', () => {
		expect(visitor('de-DE,de;q=0.9,en;q=0.8')).toBe('en');
		expect(visitor('th, sw;q=0.9, he;q=0.1')).toBe('he');
	});

	it('falls back to the site’s default, then to English', () => {
		expect(visitor('de, th')).toBe('da');
		expect(visitor('he;q=0')).toBe('da');
		expect(visitor(null)).toBe('da');
		expect(
			pickLocale({ preferred: null, siteDefault: null, siteLocales: [], acceptLanguage: null })
		).toBe('en');
	});

	it('puts the person’s own choice first, when the site offers it', () => {
		expect(pickLocale({ preferred: 'en', ...site, acceptLanguage: 'he' })).toBe('en');
		expect(pickLocale({ preferred: 'th', ...site, acceptLanguage: 'he' })).toBe('he');
	});

	it('takes any language Kith has on a site that does not restrict them', () => {
		const open = { preferred: null, siteDefault: 'en', siteLocales: [] };
		expect(pickLocale({ ...open, acceptLanguage: 'sw;q=0.3, th;q=0.7' })).toBe('th');
		expect(pickLocale({ ...open, acceptLanguage: 'fr, es' })).toBe('en');
	});
});
