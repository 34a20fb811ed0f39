import { describe, expect, it } from 'vitest';
import { inQuietHours, type Preferences } from './preferences';

const prefs = (quietStart: string, quietEnd: string, timeZone: string | null): Preferences => ({
	channels: {},
	quietStart,
	quietEnd,
	timeZone,
	dailyDigest: false
});

describe('quiet hours', () => {
	it.each([
		// 22:00–07:00 in Bangkok (UTC+7) wraps past midnight.
		['2026-12-07T15:30:00Z', true], // 22:30 there
		['2026-12-07T19:00:00Z', true], // 02:00 there
		['2026-12-07T23:59:00Z', true], // 06:59 there
		['2026-12-08T00:00:00Z', false], // 07:00 there: over
		['2026-12-07T14:59:00Z', false] // 21:59 there
	])('at %s on a Bangkok clock, quiet: %s', (at, quiet) => {
		expect(inQuietHours(prefs('22:00', '07:00', 'Asia/Bangkok'), new Date(at), 'UTC')).toBe(quiet);
	});

	it('uses the site’s zone when the person chose none, and a window within one day', () => {
		const p = prefs('13:00', '14:00', null);
		expect(inQuietHours(p, new Date('2026-06-01T11:30:00Z'), 'Europe/Copenhagen')).toBe(true);
		expect(inQuietHours(p, new Date('2026-06-01T13:30:00Z'), 'Europe/Copenhagen')).toBe(false);
	});
});
