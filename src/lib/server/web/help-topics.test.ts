import { describe, expect, it } from 'vitest';
import { helpIndex, helpPage } from './help-topics';

describe('help pages', () => {
	it('lists one page per built part a member uses, with crisis help and privacy', () => {
		expect(helpIndex(null).map((p) => p.href)).toEqual([
			'/help/courses',
			'/help/groups',
			'/help/goals',
			'/help/companionship',
			'/help/notifications',
			'/help/crisis',
			'/help/profile'
		]);
	});

	it('answers a topic it does not have with nothing (the page is "not found")', () => {
		expect(helpPage(null, 'messages')).toBeNull();
		expect(helpPage(null, 'toString')).toBeNull();
	});

	it('gives every page its words and a way to the part it explains', () => {
		for (const { href } of helpIndex(null)) {
			const page = helpPage(null, href.replace('/help/', ''));
			expect(page?.what).toBeTruthy();
			expect(page?.how).toBeTruthy();
			expect(page?.who).toBeTruthy();
			expect(page?.href).toMatch(/^\/[a-z]+$/);
		}
	});
});
