// Dates and times for people to read, in their language and time zone. Shared by server and browser.

const fallbackZone = 'UTC';

/**
 * Formatters are costly to make (a thread page formats a date per post) and safe to share: one
 * per language, zone and style, kept. The few languages and zones in use bound the cache; it is
 * emptied if an odd mix ever fills it.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

function formatter(
	locale: string,
	timeZone: string | null | undefined,
	options: Intl.DateTimeFormatOptions & { style: string }
) {
	const { style, ...format } = options;
	const key = `${locale}|${timeZone ?? ''}|${style}`;
	let made = formatters.get(key);
	if (made) return made;
	try {
		made = new Intl.DateTimeFormat(locale, { ...format, timeZone: timeZone || fallbackZone });
	} catch {
		// An unknown zone or locale must never break a page: fall back to UTC in the base language.
		made = new Intl.DateTimeFormat('en', { ...format, timeZone: fallbackZone });
	}
	if (formatters.size >= MAX_FORMATTERS) formatters.clear();
	formatters.set(key, made);
	return made;
}

const toDate = (value: Date | string | number): Date =>
	value instanceof Date ? value : new Date(value);

/** Date and time, e.g. "3 March 2026, 14:05" in the person's locale and zone. */
export function formatDateTime(
	value: Date | string | number,
	locale: string,
	timeZone?: string | null
): string {
	return formatter(locale, timeZone, {
		style: 'datetime',
		dateStyle: 'medium',
		timeStyle: 'short'
	}).format(toDate(value));
}

/** A date on its own, e.g. "3 March 2026". */
export function formatDate(
	value: Date | string | number,
	locale: string,
	timeZone?: string | null
): string {
	return formatter(locale, timeZone, { style: 'date', dateStyle: 'long' }).format(toDate(value));
}

/** A number in the person's locale (digits, grouping), e.g. 1 234 or 1,234. */
export function formatNumber(value: number, locale: string): string {
	try {
		let made = numberFormats.get(locale);
		if (!made) numberFormats.set(locale, (made = new Intl.NumberFormat(locale)));
		return made.format(value);
	} catch {
		return String(value);
	}
}
/** One number format per language (a bad locale throws and is never kept). */
const numberFormats = new Map<string, Intl.NumberFormat>();

const languageNames = new Map<string, string>();

/** A language's name in that language ("Dansk", "עברית"), capitalised; made once per language. */
export function languageName(locale: string): string {
	let name = languageNames.get(locale);
	if (name) return name;
	try {
		const n = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
		name = n ? n.charAt(0).toLocaleUpperCase(locale) + n.slice(1) : locale;
	} catch {
		return locale;
	}
	languageNames.set(locale, name);
	return name;
}

const rtl = new Set(['he', 'ar', 'fa', 'ur']);
/** The direction a language is written in: text in it gets `dir` with its `lang`. */
export const directionOf = (locale: string): 'rtl' | 'ltr' => (rtl.has(locale) ? 'rtl' : 'ltr');

/**
 * A name or other run of text put inside a plain-text sentence (a Today item, an email), set
 * apart with the Unicode isolate marks FSI … PDI: the text takes its own direction from its first
 * letter and does not reorder the sentence around it, as <bdi> does in a page. Latin script on a
 * Hebrew page reads "Hearing voices circle" whole, and the full stop stays at the sentence's end.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
