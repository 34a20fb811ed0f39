import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, isolate, languageName } from './format';

const at = new Date('2026-03-03T13:05:00Z');

describe('formatting for people to read', () => {
	it('keeps each language, zone and style apart, however often it is asked', () => {
		for (let i = 0; i < 3; i++) {
			expect(formatDateTime(at, 'en-GB', 'Europe/Copenhagen')).toBe('3 Mar 2026, 14:05');
			expect(formatDateTime(at, 'en-GB', 'Africa/Dar_es_Salaam')).toBe('3 Mar 2026, 16:05');
			expect(formatDate(at, 'en-GB', 'Europe/Copenhagen')).toBe('3 March 2026');
			expect(formatDate(at, 'da', 'Europe/Copenhagen')).toBe('3. marts 2026');
		}
	});

	it('never fails on an unknown zone or language', () => {
		expect(formatDateTime(at, 'en-GB', 'Mars/Olympus')).toMatch(/2026/);
		expect(formatDate(at, 'not a locale!', null)).toMatch(/2026/);
		expect(formatNumber(1234, 'not a locale!')).toBe('1234');
		expect(languageName('not a locale!')).toBe('not a locale!');
	});

	it('names numbers and languages in the language itself', () => {
		expect(formatNumber(1234567, 'de')).toBe('1.234.567');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
		expect(languageName('da')).toBe('Dansk');
		expect(languageName('he')).toBe('עברית');
	});

	it('sets a name apart in plain text with the isolate marks, the name itself unchanged', () => {
		expect(isolate('Hearing voices circle')).toBe('\u2068Hearing voices circle\u2069');
		expect(isolate('').length).toBe(2);
	});
});
