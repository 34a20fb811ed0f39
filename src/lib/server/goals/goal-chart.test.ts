import { describe, expect, it } from 'vitest';
import { weeklyProgress } from './goal-chart';
import { dayOf } from '../dates/calendar';

describe('goal chart figures', () => {
	const zone = 'Europe/Copenhagen';
	const goal = {
		createdAt: new Date('2025-06-04T10:00:00Z'), // a Wednesday
		updatedAt: new Date('2025-06-04T10:00:00Z'),
		status: 'active' as const
	};

	it('counts steps done by the end of each week, from the week the goal was set', () => {
		const steps = [
			{ status: 'done' as const, doneAt: new Date('2025-06-05T09:00:00Z') },
			{ status: 'done' as const, doneAt: new Date('2025-06-17T09:00:00Z') },
			{ status: 'open' as const, doneAt: null }
		];
		expect(weeklyProgress(goal, steps, zone, new Date('2025-06-24T12:00:00Z'))).toEqual([
			{ week: '2025-06-02', done: 1 },
			{ week: '2025-06-09', done: 1 },
			{ week: '2025-06-16', done: 2 },
			{ week: '2025-06-23', done: 2 }
		]);
	});

	it('puts a step done late on Sunday night in the site’s week, not UTC’s', () => {
		// 22:30 UTC on Sunday 8 June is already Monday 9 June in Copenhagen.
		const steps = [{ status: 'done' as const, doneAt: new Date('2025-06-08T22:30:00Z') }];
		expect(dayOf(new Date('2025-06-08T22:30:00Z'), zone)).toBe('2025-06-09');
		expect(weeklyProgress(goal, steps, zone, new Date('2025-06-10T12:00:00Z'))).toEqual([
			{ week: '2025-06-02', done: 0 },
			{ week: '2025-06-09', done: 1 }
		]);
	});

	it('ends with the goal when it is achieved, and stays bounded for old goals', () => {
		const done = {
			...goal,
			status: 'achieved' as const,
			updatedAt: new Date('2025-06-12T10:00:00Z')
		};
		expect(weeklyProgress(done, [], zone, new Date('2026-01-01T00:00:00Z'))).toHaveLength(2);
		expect(weeklyProgress(goal, [], zone, new Date('2035-01-01T00:00:00Z'))).toHaveLength(104);
	});
});
