// Calendar days for goals, counted in the site's time zone: a step due "today" is due on the
// site's today, wherever the server's clock or UTC stands.

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
	// en-CA formats dates as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(instant);
}

const toUtc = (day: string): number => {
	const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
	return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The day `n` days after `day` (negative goes back). */
export const addDays = (day: string, n: number): string => fromUtc(toUtc(day) + n * 86_400_000);

/** The Monday of the week `day` is in. */
export function weekStart(day: string): string {
	const weekday = (new Date(toUtc(day)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
	return addDays(day, -weekday);
}

/** Whole days from `a` to `b`. */
export const daysBetween = (a: string, b: string): number =>
	Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
