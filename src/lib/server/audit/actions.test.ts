import { describe, expect, it } from 'vitest';
import { auditActions } from './actions';

describe('audit action names', () => {
	it.each(auditActions)('%s is <area>.<event>, one dot, lowercase snake_case', (name) => {
		expect(name).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
	});

	it('lists each name once', () => {
		expect(new Set(auditActions).size).toBe(auditActions.length);
	});
});
