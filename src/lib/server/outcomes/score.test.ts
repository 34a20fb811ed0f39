import { describe, expect, it } from 'vitest';
import { scoreAnswers } from './score';
import { ZScoringSpec, type ResolvedSpec, type ScoringSpecInput } from './scoring-spec';

// Specifications written for these tests (not any real instrument), with hand-computed results.
const spec = (s: Partial<ScoringSpecInput> & { items: string[] }): ResolvedSpec => {
	const parsed = ZScoringSpec.parse({
		key: 'test',
		method: 'sum',
		higherIsBetter: true,
		range: { min: 0, max: 100 },
		...s
	});
	return { ...parsed, items: s.items };
};
const answers = (o: Record<string, number>) => new Map(Object.entries(o));

describe('totals', () => {
	it.each([
		['sum of four', { items: ['a', 'b', 'c', 'd'] }, { a: 1, b: 2, c: 3, d: 0 }, 6],
		[
			'mean of four',
			{ items: ['a', 'b', 'c', 'd'], method: 'mean' as const },
			{ a: 1, b: 2, c: 2, d: 2 },
			1.75
		],
		[
			'mean of three answered, min 3',
			{ items: ['a', 'b', 'c', 'd'], method: 'mean' as const, minAnswered: 3 },
			{ a: 1, b: 2, c: 2 },
			1.67
		],
		['sum with one missing, not prorated', { items: ['a', 'b', 'c'] }, { a: 1, b: 2 }, null],
		[
			'sum with one missing, prorated (3/2×3=4.5→5)',
			{ items: ['a', 'b', 'c'], minAnswered: 2, prorate: true },
			{ a: 1, b: 2 },
			5
		],
		[
			'prorated 9 items, 7 answered (8/7×9=10.29→10)',
			{ items: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], minAnswered: 7, prorate: true },
			{ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 2 },
			10
		],
		[
			'too few answered for prorating',
			{ items: ['a', 'b', 'c', 'd'], minAnswered: 3, prorate: true },
			{ a: 4, b: 4 },
			null
		],
		['nothing answered', { items: ['a'] }, {}, null],
		['answers to other items are ignored', { items: ['a', 'b'] }, { a: 1, b: 1, z: 9 }, 2]
	])('%s', (_name, s, given, expected) => {
		expect(scoreAnswers(spec(s), answers(given)).total).toBe(expected);
	});
});

describe('reverse items', () => {
	it.each([
		// 1..5 scale: reversed v → 6 - v
		[{ a: 5, b: 5 }, 6],
		[{ a: 1, b: 1 }, 6],
		[{ a: 2, b: 4 }, 4]
	])('a + reversed b for %o is %d', (given, expected) => {
		const s = spec({ items: ['a', 'b'], reverse: ['b'], itemMin: 1, itemMax: 5 });
		expect(scoreAnswers(s, answers(given)).total).toBe(expected);
	});
});

describe('conversion tables', () => {
	const s = spec({
		items: ['a', 'b'],
		conversion: [
			[2, 10],
			[3, 12.5],
			[4, 20]
		]
	});
	it.each([
		[{ a: 1, b: 1 }, 2, 10],
		[{ a: 1, b: 2 }, 3, 12.5],
		[{ a: 0, b: 0 }, 0, null]
	])('raw total of %o is %d, converted %s', (given, raw, converted) => {
		const score = scoreAnswers(s, answers(given));
		expect(score.raw).toBe(raw);
		expect(score.total).toBe(converted);
	});
});

describe('bands', () => {
	const s = spec({
		items: ['a', 'b'],
		bands: [
			{ from: 0, key: 'low', label: { en: 'Low' } },
			{ from: 3, key: 'mid', label: { en: 'Mid' } },
			{ from: 5, key: 'high', label: { en: 'High' } }
		]
	});
	it.each([
		[0, 0, 'low'],
		[1, 1, 'low'],
		[1, 2, 'mid'],
		[2, 2, 'mid'],
		[2, 3, 'high'],
		[3, 3, 'high']
	])('%d + %d falls in %s', (a, b, expected) => {
		expect(scoreAnswers(s, answers({ a, b })).band).toBe(expected);
	});
	it('has no band without a total', () => {
		expect(scoreAnswers(s, answers({ a: 1 })).band).toBeNull();
	});
});

describe('subscales', () => {
	it('scores each subscale by its own method', () => {
		const s = spec({
			items: ['a', 'b', 'c', 'd'],
			subscales: [
				{ key: 'one', label: { en: 'One' }, items: ['a', 'b'], method: 'sum' },
				{ key: 'two', label: { en: 'Two' }, items: ['c', 'd'], method: 'mean' }
			]
		});
		expect(scoreAnswers(s, answers({ a: 1, b: 2, c: 3, d: 4 })).subscales).toEqual({
			one: 3,
			two: 3.5
		});
	});
});

describe('alert rules', () => {
	const s = spec({ items: ['a', 'risk'], alerts: [{ item: 'risk', atLeast: 1, level: 'urgent' }] });
	it.each([
		[0, []],
		[1, ['risk']],
		[3, ['risk']]
	])('an answer of %d on the risk item raises %o', (risk, expected) => {
		expect(scoreAnswers(s, answers({ a: 0, risk })).alerts).toEqual(expected);
	});
	it('fires even when the total cannot be scored', () => {
		const score = scoreAnswers(s, answers({ risk: 2 }));
		expect(score.total).toBeNull();
		expect(score.alerts).toEqual(['risk']);
	});
});
