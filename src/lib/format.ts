// Dates and times for people to read, in their language and time zone. Shared by server and browser.

const fallbackZone = 'UTC';

function formatter(
	locale: string,
	timeZone: string | null | undefined,
	options: Intl.DateTimeFormatOptions
) {
	try {
		return new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone || fallbackZone });
	} catch {
		// An unknown zone or locale must never break a page: fall back to UTC in the base language.
		return new Intl.DateTimeFormat('en', { ...options, timeZone: fallbackZone });
	}
}

const toDate = (value: Date | string | number): Date =>
	value instanceof Date ? value : new Date(value);

/** Date and time, e.g. "3 March 2026, 14:05" in the person's locale and zone. */
export function formatDateTime(
	value: Date | string | number,
	locale: string,
	timeZone?: string | null
): string {
	return formatter(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(
		toDate(value)
	);
}

/** A date on its own, e.g. "3 March 2026". */
export function formatDate(
	value: Date | string | number,
	locale: string,
	timeZone?: string | null
): string {
	return formatter(locale, timeZone, { dateStyle: 'long' }).format(toDate(value));
}

/** A number in the person's locale (digits, grouping), e.g. 1 234 or 1,234. */
export function formatNumber(value: number, locale: string): string {
	try {
		return new Intl.NumberFormat(locale).format(value);
	} catch {
		return String(value);
	}
}
