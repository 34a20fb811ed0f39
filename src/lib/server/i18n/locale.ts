import { languageName } from '../../format';
import { baseLocale, isLocale, locales, type Locale } from '../../paraglide/runtime.js';

export { locales, type Locale };

/**
 * The language a page is shown in: the person's own choice when the site offers it, else the
 * language the visitor's browser wants most of those the site offers, else the site's default,
 * else Kith's base language.
 */
export function pickLocale(input: {
	preferred: string | null | undefined;
	siteDefault: string | null | undefined;
	siteLocales: readonly string[] | null | undefined;
	acceptLanguage?: string | null;
}): Locale {
	const offered = (l: string) =>
		isLocale(l) &&
		(!input.siteLocales || input.siteLocales.length === 0 || input.siteLocales.includes(l));
	if (input.preferred && offered(input.preferred)) return input.preferred as Locale;
	const wanted = acceptedLanguages(input.acceptLanguage ?? '').find(offered);
	if (wanted) return wanted as Locale;
	if (input.siteDefault && isLocale(input.siteDefault)) return input.siteDefault;
	return baseLocale;
}

/**
 * The languages of an Accept-Language header, most wanted first (RFC 9110 §12.5.4): by q-value,
 * equal ones in the order sent, and none with q=0 ("not this one") or a q that is not a number.
 * Each is its primary subtag in lower case ("de-AT" → "de"), as Kith's languages are named.
 *
 * Not Paraglide's extractLocaleFromHeader: that answers one of every compiled language, so a
 * site offering fewer could not fall through to the visitor's next choice, and it takes q=0 as
 * a wish and misses "da; q=0.5" written with a space.
 */
export function acceptedLanguages(header: string): string[] {
	return header
		.split(',')
		.map((part, order) => {
			const [range = '', ...params] = part.split(';').map((p) => p.trim());
			const q = params.find((p) => /^q=/i.test(p));
			return {
				language: range.toLowerCase().split('-')[0] ?? '',
				weight: q === undefined ? 1 : Number(q.slice(2)),
				order
			};
		})
		.filter((l) => /^[a-z]{2,8}$/.test(l.language) && l.weight > 0 && l.weight <= 1)
		.sort((a, b) => b.weight - a.weight || a.order - b.order)
		.map((l) => l.language);
}

export { directionOf } from '../../format';

/** A language's name in the reader's language ("Danish" to an English reader), else its code. */
export function languageNameIn(language: string, reader: string): string {
	try {
		return new Intl.DisplayNames([reader], { type: 'language' }).of(language) ?? language;
	} catch {
		return language;
	}
}

/** A language's name in that language, from the platform's own data (no list to keep up). */
export const localeName = languageName;
