import { describe, expect, it } from 'vitest';
import { parseInstrument, SCORING_EXTENSION } from './parse-instrument';
import { ownInstruments, shippedSpecs } from './shipped';
import { scoreAnswers } from './score';

// A questionnaire written for these tests: three items scored 0-3, the third a risk item.
const choice = (linkId: string) => ({
	linkId,
	type: 'choice',
	text: `Test question ${linkId}`,
	answerOption: [0, 1, 2, 3].map((v) => ({
		valueCoding: {
			code: `c${v}`,
			display: `Option ${v}`,
			extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: v }]
		}
	}))
});
const spec = {
	key: 'test-three',
	items: 'all',
	method: 'sum',
	alerts: [{ item: 'q3', atLeast: 1, level: 'urgent' }],
	higherIsBetter: false,
	range: { min: 0, max: 9 }
};
const questionnaire = (over: Record<string, unknown> = {}) => ({
	resourceType: 'Questionnaire',
	status: 'active',
	name: 'TestThree',
	extension: [{ url: SCORING_EXTENSION, valueString: JSON.stringify(spec) }],
	item: [choice('q1'), choice('q2'), choice('q3')],
	...over
});
const parse = (v: unknown) =>
	parseInstrument(typeof v === 'string' ? v : JSON.stringify(v), shippedSpecs);
const problems = (v: unknown) => {
	const r = parse(v);
	return r.ok ? [] : r.problems.map((p) => ({ message: p.message, item: p.item }));
};

describe('reading an instrument file', () => {
	it('reads a valid questionnaire with its scoring', () => {
		const r = parse(questionnaire());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.instrument.items.map((i) => i.linkId)).toEqual(['q1', 'q2', 'q3']);
		expect(r.instrument.items[0]?.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
		const score = scoreAnswers(
			r.instrument.scoring,
			new Map([
				['q1', 1],
				['q2', 2],
				['q3', 1]
			])
		);
		expect(score).toMatchObject({ total: 4, alerts: ['q3'] });
	});

	it.each([
		['not JSON', '{"resourceType": ', [{ message: 'out_err_not_json' }]],
		[
			'not a Questionnaire',
			{ resourceType: 'Patient' },
			[{ message: 'out_err_not_questionnaire' }]
		],
		[
			'a duplicate linkId',
			questionnaire({ item: [choice('q1'), choice('q1'), choice('q3')] }),
			[{ message: 'out_err_duplicate_link', item: 'q1' }]
		],
		[
			'an option without a value',
			questionnaire({
				item: [
					choice('q1'),
					choice('q2'),
					{ ...choice('q3'), answerOption: [{ valueCoding: { display: 'no value' } }] }
				]
			}),
			[
				{ message: 'out_err_option_value', item: 'q3' },
				{ message: 'out_err_no_options', item: 'q3' }
			]
		],
		[
			'a scoring spec naming a missing item',
			questionnaire({ item: [choice('q1'), choice('q2')] }),
			[{ message: 'out_err_spec_missing_item', item: 'q3' }]
		]
	])('refuses %s, naming the item', (_name, file, expected) => {
		expect(problems(file)).toEqual(
			expect.arrayContaining(expected.map((e) => expect.objectContaining(e)))
		);
	});

	it('refuses what FHIR R4 does not allow (no status, an unknown field)', () => {
		expect(problems(questionnaire({ status: undefined, colour: 'blue' }))).toContainEqual(
			expect.objectContaining({ message: 'out_err_fhir' })
		);
	});

	it('matches a standard instrument to the shipped scoring by its name', () => {
		const nine = Array.from({ length: 9 }, (_, i) => choice(`item-${i + 1}`));
		const r = parse({ resourceType: 'Questionnaire', status: 'active', name: 'PHQ-9', item: nine });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.instrument.scoring.alerts).toEqual([{ item: 'item-9', atLeast: 1, level: 'urgent' }]);
	});

	it('refuses a questionnaire Kith has no scoring for', () => {
		expect(
			problems({
				resourceType: 'Questionnaire',
				status: 'active',
				name: 'Unknown',
				item: [choice('a')]
			})
		).toEqual([{ message: 'out_err_no_spec', item: undefined }]);
	});

	it.each(ownInstruments.map((q) => [q.name, q]))(
		'Kith’s own %s reads cleanly, in six languages',
		(_n, q) => {
			const r = parse(q);
			expect(r.ok).toBe(true);
			if (!r.ok) return;
			for (const item of r.instrument.items)
				expect(Object.keys(item.text).sort()).toEqual(['da', 'de', 'en', 'he', 'sw', 'th']);
		}
	);
});
