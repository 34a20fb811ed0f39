const zones = new Set(Intl.supportedValuesOf('timeZone'));

/** True for an IANA time zone name this runtime knows (e.g. Asia/Bangkok). */
export function isTimeZone(value: string): boolean {
	if (zones.has(value) || value === 'UTC') return true;
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

export const timeZones = [...zones];
