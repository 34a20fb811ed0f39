import { describe, expect, it } from 'vitest';
import { pickLocale } from './pick-locale';

describe('the language shown', () => {
	const rows = [{ locale: 'th' }, { locale: 'en' }, { locale: 'da' }];
	it('is the person’s, else the site default, else the first by code', () => {
		expect(pickLocale(rows, 'th', 'en')?.locale).toBe('th');
		expect(pickLocale(rows, 'he', 'en')?.locale).toBe('en');
		expect(pickLocale(rows, 'he', 'sw')?.locale).toBe('da');
		expect(pickLocale([], 'he', 'sw')).toBeUndefined();
	});
});
