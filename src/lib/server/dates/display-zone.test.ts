import { describe, expect, it } from 'vitest';
import { displayZone, siteZoneOf } from './display-zone';

const site = { timeZone: 'Europe/Copenhagen' };

describe('whose clock a page shows', () => {
	it.each([
		['their own zone when they chose one', { timeZone: 'Asia/Kolkata' }, site, 'Asia/Kolkata'],
		['the site’s when they did not', { timeZone: null }, site, 'Europe/Copenhagen'],
		['the site’s when the profile field is empty', { timeZone: '' }, site, 'Europe/Copenhagen'],
		['the site’s for someone without a profile', null, site, 'Europe/Copenhagen'],
		['UTC with neither', null, null, 'UTC'],
		[
			'their own even without a site',
			{ timeZone: 'America/Santiago' },
			undefined,
			'America/Santiago'
		]
	])('a person sees %s', (_, profile, s, zone) => {
		expect(displayZone({ profile, site: s })).toBe(zone);
	});

	it('counts calendar days in the site’s zone, else UTC, whatever the person chose', () => {
		expect(siteZoneOf(site)).toBe('Europe/Copenhagen');
		expect(siteZoneOf(null)).toBe('UTC');
	});
});
