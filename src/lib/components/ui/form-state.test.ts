import { describe, expect, it } from 'vitest';
import { formState } from './form-state';

const refused = {
	values: { intent: 'edit', stepId: 's1', text: 'Walk', done: 'on' },
	errors: { text: 'Too short' },
	message: 'Check the highlighted fields'
};

describe('formState', () => {
	it('keeps the input and errors of the form the answer belongs to', () => {
		const edit = formState(refused, { intent: 'edit', stepId: 's1' });
		expect(edit.refused).toBe(true);
		expect(edit.kept('text')).toBe('Walk');
		expect(edit.error('text')).toBe('Too short');
		expect(edit.ticked('done', false)).toBe(true);
		expect(edit.ticked('other', true)).toBe(false);
	});

	it.each([
		['another intent', { intent: 'add' }],
		['another step', { intent: 'edit', stepId: 's2' }],
		['a test that fails', () => false]
	])('leaves the other forms as they were: %s', (_, match) => {
		const other = formState(refused, match);
		expect(other.refused).toBe(false);
		expect(other.kept('text', 'saved')).toBe('saved');
		expect(other.error('text')).toBeUndefined();
		expect(other.ticked('done', false)).toBe(false);
	});

	it.each([
		['no answer', null],
		['a success', { done: 'Saved' }]
	])('after %s, shows what is stored', (_, form) => {
		const state = formState(form);
		expect(state.refused).toBe(false);
		expect(state.kept('text', 'stored')).toBe('stored');
		expect(state.errors).toEqual({});
	});

	it('falls back for a field sent as a list, or not sent', () => {
		const state = formState({ values: { ids: ['a', 'b'] }, errors: {} });
		expect(state.kept('ids', 'x')).toBe('x');
		expect(state.kept('missing')).toBe('');
	});

	it('counts errors without values as a refusal of the whole page', () => {
		expect(formState({ errors: { _: 'No' } }).error('_')).toBe('No');
	});
});
