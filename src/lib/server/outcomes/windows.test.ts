import { describe, expect, it } from 'vitest';
import { openWindow } from './windows';

const weekly = { kind: 'weekly' as const, months: null, windowDays: 3 };
const joined = new Date('2026-01-01T00:00:00Z');

describe('check-in windows in the site’s time zone', () => {
	it.each([
		// Monday 7 December 2026 starts at different instants around the world.
		['Pacific/Auckland', '2026-12-06T11:00:00.000Z', '2026-12-09T11:00:00.000Z'],
		['Europe/Copenhagen', '2026-12-06T23:00:00.000Z', '2026-12-09T23:00:00.000Z'],
		['America/Los_Angeles', '2026-12-07T08:00:00.000Z', '2026-12-10T08:00:00.000Z']
	])('a weekly window in %s opens at the start of its Monday', (zone, opens, closes) => {
		const w = openWindow(weekly, joined, new Date('2026-12-08T12:00:00Z'), zone);
		expect(w).toEqual({ key: '2026-12-07', opensAt: new Date(opens), closesAt: new Date(closes) });
	});

	it('is closed after its days, until next Monday', () => {
		expect(
			openWindow(weekly, joined, new Date('2026-12-10T12:00:00Z'), 'Europe/Copenhagen')
		).toBeNull();
	});

	it('crosses a change of clocks by calendar days, not hours', () => {
		// Copenhagen leaves summer time on Sunday 25 October 2026; a 7-day window from Monday 19th
		// ends at the start of Monday 26th, local time (23:00 UTC, not 22:00).
		const w = openWindow(
			{ ...weekly, windowDays: 7 },
			joined,
			new Date('2026-10-21T12:00:00Z'),
			'Europe/Copenhagen'
		);
		expect(w?.closesAt).toEqual(new Date('2026-10-25T23:00:00.000Z'));
	});

	it('opens at enrolment for the days given', () => {
		const at = new Date('2026-03-02T15:30:00Z');
		const w = openWindow(
			{ kind: 'enrolment', months: null, windowDays: 2 },
			at,
			new Date('2026-03-03T10:00:00Z'),
			'UTC'
		);
		expect(w).toEqual({
			key: 'enrolment',
			opensAt: at,
			closesAt: new Date('2026-03-04T00:00:00.000Z')
		});
	});

	it.each([
		['2026-07-01T12:00:00Z', null],
		['2026-07-02T12:00:00Z', 'follow-up-4'],
		['2026-07-09T12:00:00Z', null]
	])('a 4-month follow-up for someone who joined on 2 March, on %s', (now, key) => {
		const w = openWindow(
			{ kind: 'follow_up', months: 4, windowDays: 7 },
			new Date('2026-03-02T09:00:00Z'),
			new Date(now),
			'UTC'
		);
		expect(w?.key ?? null).toBe(key);
	});
});
