import { describe, expect, it } from 'vitest';
import { waitedFor } from './waited';

const now = new Date('2026-12-07T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('waitedFor', () => {
	it.each([
		[5, 'en', '5 minutes'],
		[60, 'en', '1 hour'],
		[47 * 60, 'en', '47 hours'],
		[3 * 1440, 'en', '3 days'],
		[1440 * 2, 'de', '2 Tage']
	])('%i minutes in %s reads "%s"', (minutes, locale, text) => {
		expect(waitedFor(ago(minutes), now, locale)).toBe(text);
	});

	it('never reads a negative time', () => {
		expect(waitedFor(new Date(now.getTime() + 60_000), now, 'en')).toBe('0 minutes');
	});
});
