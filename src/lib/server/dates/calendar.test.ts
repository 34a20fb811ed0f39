import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addMonths,
	addWeeks,
	dayOf,
	daysBetween,
	instantAt,
	repeatWeekly,
	startOfDay,
	weekStart
} from './calendar';

const iso = (d: Date) => d.toISOString().replace('.000', '');

describe('the day an instant falls on in a zone', () => {
	it.each([
		// 22:30 UTC on Sunday 8 June is already Monday 9 June in Copenhagen (summer time, UTC+2).
		['2025-06-08T22:30:00Z', 'Europe/Copenhagen', '2025-06-09'],
		['2025-06-08T21:59:00Z', 'Europe/Copenhagen', '2025-06-08'],
		// Half-hour offsets: Kolkata is UTC+5:30 all year, Adelaide UTC+9:30 or +10:30.
		['2026-06-01T18:29:00Z', 'Asia/Kolkata', '2026-06-01'],
		['2026-06-01T18:30:00Z', 'Asia/Kolkata', '2026-06-02'],
		['2026-01-10T13:29:00Z', 'Australia/Adelaide', '2026-01-10'],
		['2026-01-10T13:30:00Z', 'Australia/Adelaide', '2026-01-11'],
		// Either side of the date line the same instant is two different days, 25 hours apart.
		['2026-06-01T11:00:00Z', 'Pacific/Kiritimati', '2026-06-02'],
		['2026-06-01T11:00:00Z', 'Pacific/Pago_Pago', '2026-06-01'],
		// Samoa crossed the date line and skipped 30 December 2011 altogether.
		['2011-12-30T09:59:00Z', 'Pacific/Apia', '2011-12-29'],
		['2011-12-30T10:00:00Z', 'Pacific/Apia', '2011-12-31'],
		['2026-03-01T00:00:00Z', 'UTC', '2026-03-01']
	])('%s in %s is %s', (at, zone, day) => {
		expect(dayOf(new Date(at), zone)).toBe(day);
	});

	it('refuses a zone that does not exist', () => {
		expect(() => dayOf(new Date(), 'Nowhere/Atlantis')).toThrow(RangeError);
	});
});

describe('a wall-clock time in a zone', () => {
	it.each([
		// A weekly 18:00 in Copenhagen: summer time (UTC+2) before 25 October 2026, standard after.
		['2026-10-19', '18:00', 'Europe/Copenhagen', '2026-10-19T16:00:00Z'],
		['2026-10-26', '18:00', 'Europe/Copenhagen', '2026-10-26T17:00:00Z'],
		// New York changes a week later (1 November), so the same weeks keep UTC-4 a little longer.
		['2026-10-29', '12:00', 'America/New_York', '2026-10-29T16:00:00Z'],
		['2026-11-05', '12:00', 'America/New_York', '2026-11-05T17:00:00Z'],
		['2026-06-01', '18:00', 'Asia/Kolkata', '2026-06-01T12:30:00Z'],
		['2026-01-10', '09:00', 'Australia/Adelaide', '2026-01-09T22:30:00Z'],
		['2026-06-02', '09:00', 'Pacific/Kiritimati', '2026-06-01T19:00:00Z']
	])('%s %s in %s is %s', (day, time, zone, at) => {
		expect(iso(instantAt(day, time, zone))).toBe(at);
	});

	// Clocks skip an hour in spring: a time in the gap moves on by the gap, as RFC 5545 reads it.
	it.each([
		['2026-03-29', '02:30', 'Europe/Copenhagen', '2026-03-29T01:30:00Z'], // = 03:30 CEST
		['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00Z'], // = 03:30 EDT
		['2026-10-04', '02:30', 'Australia/Adelaide', '2026-10-03T17:00:00Z'], // = 03:30 ACDT
		// The skipped Samoan day: 10:00 on 30 December 2011 is taken as 10:00 on the 31st.
		['2011-12-30', '10:00', 'Pacific/Apia', '2011-12-30T20:00:00Z']
	])('spring forward: %s %s in %s is %s', (day, time, zone, at) => {
		expect(iso(instantAt(day, time, zone))).toBe(at);
	});

	// Clocks go back an hour in autumn: a time that happens twice is the first (summer time).
	it.each([
		['2026-10-25', '02:30', 'Europe/Copenhagen', '2026-10-25T00:30:00Z'], // CEST, not CET
		['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00Z'], // EDT, not EST
		['2026-04-05', '02:30', 'Australia/Adelaide', '2026-04-04T16:00:00Z'] // ACDT, not ACST
	])('fall back: %s %s in %s is %s', (day, time, zone, at) => {
		expect(iso(instantAt(day, time, zone))).toBe(at);
	});

	it.each([
		['2026-02-30', '18:00'],
		['2026-13-01', '18:00'],
		['2026-01-01', '25:00'],
		['2026-01-01', '18:60']
	])('refuses %s %s, which no calendar has', (day, time) => {
		expect(() => instantAt(day, time, 'Europe/Copenhagen')).toThrow(RangeError);
	});
});

describe('weekly meetings at one wall-clock time', () => {
	it('keeps 18:00 in Copenhagen across the October change', () => {
		const starts = repeatWeekly({
			first: '2026-10-12T18:00',
			count: 4,
			timeZone: 'Europe/Copenhagen'
		});
		expect(starts?.map(iso)).toEqual([
			'2026-10-12T16:00:00Z',
			'2026-10-19T16:00:00Z',
			'2026-10-26T17:00:00Z',
			'2026-11-02T17:00:00Z'
		]);
	});

	it('meets every other week, over the turn of the year', () => {
		const starts = repeatWeekly({
			first: '2026-12-22T09:30',
			count: 3,
			everyWeeks: 2,
			timeZone: 'Asia/Kolkata'
		});
		expect(starts?.map(iso)).toEqual([
			'2026-12-22T04:00:00Z',
			'2027-01-05T04:00:00Z',
			'2027-01-19T04:00:00Z'
		]);
	});

	it.each(['2026-02-30T18:00', '2026-01-01T24:00', '2026-01-01 18:00', '2026-01-01', ''])(
		'answers null for %j, which is not a real date and time',
		(first) => {
			expect(repeatWeekly({ first, count: 2, timeZone: 'UTC' })).toBeNull();
		}
	);
});

describe('the start of a day in a zone', () => {
	it.each([
		['2026-03-29', 'Europe/Copenhagen', '2026-03-28T23:00:00Z'],
		['2026-10-25', 'Europe/Copenhagen', '2026-10-24T22:00:00Z'],
		['2026-06-01', 'Asia/Kolkata', '2026-05-31T18:30:00Z'],
		['2026-06-02', 'Pacific/Kiritimati', '2026-06-01T10:00:00Z'],
		// Where the clocks skip midnight the day starts at 01:00.
		['2026-03-08', 'America/Havana', '2026-03-08T05:00:00Z'],
		['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00Z'],
		// A day that never happened begins when the next one does.
		['2011-12-30', 'Pacific/Apia', '2011-12-30T10:00:00Z']
	])('%s in %s starts at %s', (day, zone, at) => {
		expect(iso(startOfDay(day, zone))).toBe(at);
	});

	const zones = [
		'UTC',
		'Europe/Copenhagen',
		'America/New_York',
		'America/Havana',
		'America/Santiago',
		'Asia/Kolkata',
		'Australia/Adelaide',
		'Pacific/Kiritimati',
		'Pacific/Pago_Pago'
	];
	it('falls on that day, and the day before has ended (any day, any of these zones)', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
				fc.constantFrom(...zones),
				(at, zone) => {
					const day = at.toISOString().slice(0, 10);
					const start = startOfDay(day, zone);
					expect(dayOf(start, zone)).toBe(day);
					expect(dayOf(new Date(start.getTime() - 1), zone)).toBe(addDays(day, -1));
				}
			)
		);
	});
});

describe('days, weeks and months by the calendar', () => {
	it.each([
		['2024-02-28', 1, '2024-02-29'],
		['2025-02-28', 1, '2025-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-03-01', -1, '2026-02-28'],
		['2026-06-10', 0, '2026-06-10']
	])('%s + %i days is %s', (day, n, expected) => {
		expect(addDays(day, n)).toBe(expected);
	});

	it.each([
		['2026-10-12', 2, '2026-10-26'],
		['2026-12-28', 1, '2027-01-04'],
		['2026-03-02', -1, '2026-02-23']
	])('%s + %i weeks is %s', (day, n, expected) => {
		expect(addWeeks(day, n)).toBe(expected);
	});

	it.each([
		['2026-03-31T10:00:00Z', 1, '2026-04-30T10:00:00Z'],
		['2024-01-31T23:30:00Z', 1, '2024-02-29T23:30:00Z'],
		['2026-05-31T08:00:00Z', -3, '2026-02-28T08:00:00Z'],
		['2026-01-15T12:00:00Z', 6, '2026-07-15T12:00:00Z']
	])('%s + %i months is %s (the month’s last day at most)', (at, n, expected) => {
		expect(iso(addMonths(new Date(at), n))).toBe(expected);
	});

	it.each([
		['2025-06-04', '2025-06-02'], // Wednesday
		['2025-06-08', '2025-06-02'], // Sunday
		['2025-06-09', '2025-06-09'], // Monday
		['2027-01-01', '2026-12-28']
	])('the week of %s starts on Monday %s', (day, monday) => {
		expect(weekStart(day)).toBe(monday);
	});

	it('counts whole days between two days, either way round', () => {
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
				fc.integer({ min: -4000, max: 4000 }),
				(at, n) => {
					const day = at.toISOString().slice(0, 10);
					expect(daysBetween(day, addDays(day, n))).toBe(n);
				}
			)
		);
	});
});
