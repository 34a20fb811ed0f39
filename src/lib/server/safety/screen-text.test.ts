import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findContactDetails, findRiskPhrases } from './screen-text';
import { readStarterPhrases } from '../sites/starter-phrases';

describe('findContactDetails', () => {
	it.each([
		'Call me on 0812345678',
		'my number is +45 20 12 34 56',
		'text me 20 12 34 56',
		'ring (555) 123-4567 tonight',
		'+1-555-123-4567',
		'555.123.4567',
		'+44 7700 900123',
		'07700 900 123',
		'081-234-5678',
		'0049 30 1234567',
		'+972-50-123-4567',
		'+255 712 345 678',
		'Thai digits ๐๘๑๒๓๔๕๖๗๘',
		'full width ０８１２３４５６７８',
		'zero width 081\u200B234\u200B5678'
	])('finds a phone number in %j', (text) => {
		expect(findContactDetails(text)).toEqual(['phone']);
	});

	it.each([
		'write to maya.m@example.org',
		'MAYA+kith@Mail.Example.co.uk please',
		'maya (at) example (dot) com',
		'maya at gmail dot com'
	])('finds an email address in %j', (text) => {
		expect(findContactDetails(text)).toContain('email');
	});

	it.each([
		'find me @sunflower_22',
		'https://wa.me/4520123456',
		'join t.me/ourgroup',
		'www.instagram.com/maya',
		'facebook.com/maya.m',
		'tiktok.com/@maya',
		'snap: maya_m',
		'my snapchat id = mayam',
		'signal.me/#p/abc',
		'discord.gg/abc123',
		'add me maya#1234',
		'https://m.facebook.com/profile'
	])('finds a social handle in %j', (text) => {
		expect(findContactDetails(text)).toContain('social');
	});

	it.each([
		'',
		'Today was hard but I went for a walk.',
		'See you on 2026-03-14 at 18:00',
		'The meeting is on 14.03.2026, 18:30–20:00',
		'14/03/2026',
		'Between 2019-2024 I moved three times',
		'1990 2000 2010 were good years',
		'It cost 1 250 000 baht',
		'pi is 3.14159265',
		'I slept 8 hours, 3 nights in a row',
		'Room 101, floor 4',
		'call me at 5pm',
		'my postcode is 2100',
		'I am @ home now',
		'session 3 of 10',
		'order ABC1234567',
		'thinking of you all <3',
		'let.me know how it goes',
		'I skipped it at.me'
	])('finds nothing in %j', (text) => {
		expect(findContactDetails(text)).toEqual([]);
	});

	it('reports each kind once, in a fixed order', () => {
		expect(findContactDetails('@maya, maya@example.org, 0812345678, 0899999999')).toEqual([
			'phone',
			'email',
			'social'
		]);
	});

	it('finds any phone number however it is grouped', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 12 }),
				fc.constantFrom(' ', '-', '.', ''),
				fc.integer({ min: 2, max: 4 }),
				fc.constantFrom('0', '+45 ', '+66 '),
				(digits, sep, size, lead) => {
					const groups: string[] = [];
					for (let i = 0; i < digits.length; i += size)
						groups.push(digits.slice(i, i + size).join(''));
					const number = lead + groups.join(sep);
					expect(findContactDetails(`you can reach me on ${number} any time`)).toContain('phone');
				}
			)
		);
	});

	it('never flags ordinary words and short numbers', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.stringMatching(/^[a-zà-ÿ]{1,10}$/),
						fc.integer({ min: 0, max: 99999 }).map(String)
					),
					{ maxLength: 12 }
				),
				(words) => {
					expect(findContactDetails(words.join(' , '))).toEqual([]);
				}
			)
		);
	});
});

describe('findRiskPhrases', () => {
	it('matches ignoring case, spacing, punctuation and apostrophes', () => {
		const list = ['want to die', "don't want to be here anymore"];
		expect(findRiskPhrases('Sometimes I   WANT to... die', list, 'en')).toEqual(['want to die']);
		expect(findRiskPhrases('I dont want to be here anymore', list, 'en')).toEqual([
			"don't want to be here anymore"
		]);
		expect(findRiskPhrases('I don’t want to be here anymore', list, 'en')).toHaveLength(1);
	});

	it('respects word boundaries in spaced languages', () => {
		expect(findRiskPhrases('I want to build skill myself', ['kill myself'], 'en')).toEqual([]);
		expect(findRiskPhrases('suicidal thoughts', ['suicide'], 'en')).toEqual([]);
	});

	it('normalises compatibility forms (NFKC) and invisible characters', () => {
		expect(findRiskPhrases('ｋｉｌｌ ｍｙｓｅｌｆ', ['kill myself'], 'en')).toHaveLength(1);
		expect(findRiskPhrases('kill my\u200Bself', ['kill myself'], 'en')).toHaveLength(1);
	});

	it('matches Thai however the words are spaced', () => {
		expect(findRiskPhrases('วันนี้ฉันอยากตายจริงๆ', ['อยากตาย'], 'th')).toEqual(['อยากตาย']);
		expect(findRiskPhrases('ไม่ อยาก มีชีวิต อยู่', ['ไม่อยากมีชีวิตอยู่'], 'th')).toHaveLength(1);
	});

	it('matches Hebrew after a prefix letter and with pointing', () => {
		expect(findRiskPhrases('אני חושבת ולהתאבד', ['להתאבד'], 'he')).toEqual(['להתאבד']);
		expect(findRiskPhrases('אֲנִי רוֹצֶה לָמוּת', ['רוצה למות'], 'he')).toEqual(['רוצה למות']);
	});

	it('matches German compounds', () => {
		expect(findRiskPhrases('Ich habe Suizidgedanken', ['suizid'], 'de')).toEqual(['suizid']);
	});

	const samples: Record<string, string> = {
		en: 'Honestly I just want to die, nothing helps.',
		th: 'ช่วงนี้รู้สึกว่าไม่อยากอยู่แล้วค่ะ',
		da: 'Nogle gange har jeg ikke lyst til at leve.',
		de: 'Manchmal will ich nicht mehr leben.',
		sw: 'Wakati mwingine nataka kufa tu.',
		he: 'לפעמים אני פשוט רוצה למות.'
	};
	const calm: Record<string, string> = {
		en: 'We had a lovely walk by the river today.',
		th: 'วันนี้ไปเดินเล่นริมแม่น้ำมา สนุกมาก',
		da: 'Vi gik en dejlig tur ved åen i dag.',
		de: 'Wir sind heute schön am Fluss spazieren gegangen.',
		sw: 'Leo tulitembea vizuri kando ya mto.',
		he: 'היום טיילנו טיול נעים ליד הנהר.'
	};
	for (const locale of ['en', 'th', 'da', 'de', 'sw', 'he'])
		it(`the shipped ${locale} list flags a sample sentence and not an ordinary one`, async () => {
			const list = await readStarterPhrases(locale);
			expect(list.length).toBeGreaterThanOrEqual(10);
			expect(list.length).toBeLessThanOrEqual(25);
			expect(findRiskPhrases(samples[locale] ?? '', list, locale).length).toBeGreaterThan(0);
			expect(findRiskPhrases(calm[locale] ?? '', list, locale)).toEqual([]);
		});
});
