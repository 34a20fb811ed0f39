import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const origin = 'https://kith.example.org';

describe('safeReturnPath', () => {
	it('keeps a path and query on this origin', () => {
		expect(safeReturnPath('https://kith.example.org/groups/7?tab=board', origin)).toBe(
			'/groups/7?tab=board'
		);
		expect(safeReturnPath('/courses', origin)).toBe('/courses');
	});

	it('never leaves the origin', () => {
		for (const bad of [
			'https://evil.example/home',
			'//evil.example/home',
			'/\\evil.example',
			'\\\\evil.example',
			'javascript:alert(1)',
			'http://kith.example.org/home',
			'https://kith.example.org.evil.example/'
		])
			expect(safeReturnPath(bad, origin), bad).toBe('/home');
		expect(safeReturnPath(null, origin)).toBe('/home');
		expect(safeReturnPath('', origin, '/')).toBe('/');
	});
});
