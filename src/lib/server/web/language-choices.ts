// The languages a person may choose on their profile and on the welcome, and the one they get
// without a choice.
import type { Cookies } from '@sveltejs/kit';
import type { Site } from '../sites/sites.schema';
import { locales, localeName, pickLocale } from '../i18n/locale';
import { LOCALE_COOKIE } from '../i18n/cookies';

export function languageChoices({
	site,
	cookies,
	request
}: {
	site: Site | null;
	cookies: Cookies;
	request: Request;
}): { languages: { code: string; name: string }[]; unchosenLanguage: string } {
	const offered = locales.filter((l) => !site?.locales.length || site.locales.includes(l));
	return {
		languages: offered.map((code) => ({ code, name: localeName(code) })),
		// Without a choice the person keeps the language they are using (see localize in hooks).
		unchosenLanguage: localeName(
			pickLocale({
				preferred: cookies.get(LOCALE_COOKIE),
				siteDefault: site?.defaultLocale,
				siteLocales: site?.locales,
				acceptLanguage: request.headers.get('accept-language')
			})
		)
	};
}
