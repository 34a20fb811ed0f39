import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isUuid, parseInput, requireUuid, zOptionalText } from './validation';

describe('shared validation', () => {
	it.each([
		['9b2f0c1e-4c1a-4f7e-8a2b-0d6e5f4a3b21', true],
		['9B2F0C1E-4C1A-4F7E-8A2B-0D6E5F4A3B21', true],
		['9b2f0c1e-4c1a-4f7e-8a2b', false],
		["1' or '1'='1", false],
		['', false]
	])('isUuid(%s) is %s', (id, ok) => {
		expect(isUuid(id)).toBe(ok);
	});

	it('answers a malformed id as "not found", like an id nobody has', () => {
		expect(() => requireUuid('not-an-id')).toThrow(expect.objectContaining({ code: 'not_found' }));
	});

	it.each([
		['', undefined],
		['   ', undefined],
		['  a note ', 'a note'],
		['e\u0301', '\u00e9']
	])('zOptionalText reads %j as %j', (input, out) => {
		expect(parseInput(z.object({ note: zOptionalText(20) }), { note: input }).note).toBe(out);
	});

	it('zOptionalText refuses control characters and overlong text per field', () => {
		const schema = z.object({ note: zOptionalText(5) });
		expect(() => parseInput(schema, { note: 'a\u0007b' })).toThrow(
			expect.objectContaining({ fields: { note: 'err_invalid_characters' } })
		);
		expect(() => parseInput(schema, { note: 'toolong' })).toThrow(
			expect.objectContaining({ fields: { note: 'err_too_long' } })
		);
	});
});
