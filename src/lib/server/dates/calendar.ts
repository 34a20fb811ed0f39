// Calendar days and wall-clock times in a time zone, on the Temporal API (temporal-polyfill reads
// the real IANA rules through Intl). Every zone calculation in Kith goes through here; turning an
// instant into text for people stays in $lib/format.ts.
//
// Days travel as ISO strings (YYYY-MM-DD) and instants as Date, the shapes the database, forms
// and Zod schemas already use; Temporal stays inside this module.
import { Temporal } from 'temporal-polyfill';

/**
 * How a wall-clock time that a daylight-saving change skips or repeats becomes one instant.
 * 'compatible' is RFC 5545's rule and Temporal's default, named here so nobody has to look it
 * up: a time in a spring-forward gap moves on by the gap (02:30 → 03:30), and a time repeated
 * when the clocks fall back is the first of the two (summer time).
 */
const DISAMBIGUATION = 'compatible' as const;

const instantOf = (at: Date): Temporal.Instant =>
	Temporal.Instant.fromEpochMilliseconds(at.getTime());

const dateOf = (zoned: Temporal.ZonedDateTime): Date => new Date(zoned.epochMilliseconds);

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayOf(at: Date, timeZone: string): string {
	return instantOf(at).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/**
 * The instant a calendar day begins in a time zone: usually its midnight, but the first minute
 * that exists where a daylight-saving change skips midnight (Havana, Santiago) or the whole day
 * (Apia, 30 December 2011).
 */
export function startOfDay(day: string, timeZone: string): Date {
	return dateOf(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }));
}

/**
 * The instant a wall-clock time (YYYY-MM-DD and HH:MM) happens in a time zone, so a weekly
 * session at 18:00 stays at 18:00 across a daylight-saving change. Gaps and overlaps are
 * resolved as DISAMBIGUATION says. Throws a RangeError for a day or time that does not exist on
 * any calendar (30 February, 25:00).
 */
export function instantAt(day: string, time: string, timeZone: string): Date {
	const local = Temporal.PlainDate.from(day).toPlainDateTime(Temporal.PlainTime.from(time));
	return dateOf(local.toZonedDateTime(timeZone, { disambiguation: DISAMBIGUATION }));
}

/** A datetime-local field's value (YYYY-MM-DDTHH:MM) as a wall-clock time, if it is a real one. */
function wallClock(value: string): Temporal.PlainDateTime | null {
	const [, day = '', time = ''] = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value) ?? [];
	try {
		return Temporal.PlainDate.from(day).toPlainDateTime(Temporal.PlainTime.from(time));
	} catch {
		return null;
	}
}

/**
 * `count` instants, `everyWeeks` weeks apart by the calendar, all at the wall-clock time of
 * `first` (YYYY-MM-DDTHH:MM) in a time zone; null when `first` is not a real date and time.
 */
export function repeatWeekly({
	first,
	count,
	everyWeeks = 1,
	timeZone
}: {
	first: string;
	count: number;
	everyWeeks?: number;
	timeZone: string;
}): Date[] | null {
	const start = wallClock(first);
	if (!start) return null;
	return Array.from({ length: count }, (_, i) =>
		dateOf(
			start
				.add({ weeks: i * everyWeeks })
				.toZonedDateTime(timeZone, { disambiguation: DISAMBIGUATION })
		)
	);
}

/** The day `n` days after `day` (negative goes back), by the calendar. */
export function addDays(day: string, n: number): string {
	return Temporal.PlainDate.from(day).add({ days: n }).toString();
}

/** The calendar day `n` months after (or before) `day`; the 31st becomes the month's last day. */
export function addMonthsToDay(day: string, n: number): string {
	return Temporal.PlainDate.from(day).add({ months: n }).toString();
}

/** The day `n` weeks after `day`, by the calendar (not by 7 × 24 hours). */
export function addWeeks(day: string, n: number): string {
	return Temporal.PlainDate.from(day).add({ weeks: n }).toString();
}

/**
 * The same moment `months` later on the UTC calendar, a day past the month's end clamped to its
 * last day (31 March + 1 month = 30 April), as a calendar would.
 */
export function addMonths(at: Date, months: number): Date {
	return dateOf(instantOf(at).toZonedDateTimeISO('UTC').add({ months }));
}

/** The Monday of the week `day` is in. */
export function weekStart(day: string): string {
	const date = Temporal.PlainDate.from(day);
	return date.subtract({ days: date.dayOfWeek - 1 }).toString();
}

/** Whole days from `a` to `b` (negative when `b` comes first). */
export function daysBetween(a: string, b: string): number {
	return Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
}
