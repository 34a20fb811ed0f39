// Calendar arithmetic in a site's time zone. Formatting for people lives in $lib/format.ts.

/** The instant a calendar day (YYYY-MM-DD) begins in a time zone. */
export function startOfDayIn(day: string, timeZone: string): Date {
	const [y = 0, mo = 1, d = 1] = day.split('-').map(Number);
	const guess = Date.UTC(y, mo - 1, d);
	// Two passes: the offset at the guess can differ from the offset at the answer near a DST change.
	let at = guess - offsetAt(guess, timeZone);
	at = guess - offsetAt(at, timeZone);
	return new Date(at);
}

/**
 * The instant a wall-clock time (YYYY-MM-DD and HH:MM) happens in a time zone, e.g. a weekly
 * session at 18:00 local stays at 18:00 local across a daylight-saving change.
 */
export function wallTimeIn(day: string, time: string, timeZone: string): Date {
	const [y = 0, mo = 1, d = 1] = day.split('-').map(Number);
	const [h = 0, mi = 0] = time.split(':').map(Number);
	const guess = Date.UTC(y, mo - 1, d, h, mi);
	let at = guess - offsetAt(guess, timeZone);
	at = guess - offsetAt(at, timeZone);
	return new Date(at);
}

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return wall - Math.floor(instant / 1000) * 1000;
}
