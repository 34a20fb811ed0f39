/** The minutes since midnight of an instant on a zone's wall clock. */
export function zonedParts(at: Date, timeZone: string): { minutes: number } {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(at);
	const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	return { minutes: n('hour') * 60 + n('minute') };
}
