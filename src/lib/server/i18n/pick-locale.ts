/**
 * The text to show from rows in several languages: the person's language, else the site's
 * default, else any (the alphabetically first, so the choice is stable).
 */
export function pickLocale<T extends { locale: string }>(
	rows: readonly T[],
	wanted: string,
	siteDefault: string
): T | undefined {
	return (
		rows.find((r) => r.locale === wanted) ??
		rows.find((r) => r.locale === siteDefault) ??
		[...rows].sort((a, b) => a.locale.localeCompare(b.locale))[0]
	);
}
