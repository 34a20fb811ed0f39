/**
 * How long something has waited, in the reader's language with its plural forms ("3 hours",
 * "1 day"): minutes under an hour, hours under two days, then days.
 */
export function waitedFor(since: Date, now: Date, locale: string): string {
	const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
	const [value, unit] =
		minutes < 60
			? [minutes, 'minute']
			: minutes < 48 * 60
				? [Math.floor(minutes / 60), 'hour']
				: [Math.floor(minutes / 1440), 'day'];
	return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
