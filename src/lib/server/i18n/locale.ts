import { baseLocale, isLocale, locales, type Locale } from '../../paraglide/runtime.js';

export { locales, type Locale };

/**
 * The language a page is shown in: the person's own choice when the site offers it, else the
 * site's default, else Kith's base language.
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
	if (input.acceptLanguage) {
		for (const part of input.acceptLanguage.split(',')) {
			const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
			if (tag && offered(tag)) return tag as Locale;
		}
	}
	if (input.siteDefault && isLocale(input.siteDefault)) return input.siteDefault;
	return baseLocale;
}

const rtl = new Set(['he', 'ar', 'fa', 'ur']);
export const directionOf = (locale: string): 'rtl' | 'ltr' => (rtl.has(locale) ? 'rtl' : 'ltr');

/** A language's name in that language, from the platform's own data (no list to keep up). */
export function localeName(locale: string): string {
	try {
		const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
		return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : locale;
	} catch {
		return locale;
	}
}
