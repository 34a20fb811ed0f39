import { describe, expect, it } from 'vitest';
import { continueAt, type Progress } from './progress';

describe('where to continue', () => {
	const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
	const progress = (done: string[], opened: string[] = []): Progress => {
		const p: Progress = new Map();
		for (const id of opened) p.set(id, { openedAt: new Date(), doneAt: null });
		for (const id of done) p.set(id, { openedAt: new Date(), doneAt: new Date() });
		return p;
	};

	it('starts at the first lesson', () => {
		expect(continueAt(list, progress([]), null)?.id).toBe('a');
	});
	it('returns to the lesson last opened while it is not done', () => {
		expect(continueAt(list, progress(['a'], ['c']), 'c')?.id).toBe('c');
	});
	it('moves on past a lesson just done, else to the first one left', () => {
		expect(continueAt(list, progress(['a']), 'a')?.id).toBe('b');
		expect(continueAt(list, progress(['c']), 'c')?.id).toBe('a');
	});
	it('stays at the last lesson when everything is done', () => {
		expect(continueAt(list, progress(['a', 'b', 'c']), 'b')?.id).toBe('c');
	});
});
