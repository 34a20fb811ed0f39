import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	INT4_MAX,
	isUuid,
	parseInput,
	requireUuid,
	zDay,
	zLine,
	zLocalDateTime,
	zOptionalDay,
	zOptionalText,
	zText,
	zWhole
} from './validation';

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

	const fieldError = (schema: z.ZodType, value: unknown) => {
		try {
			parseInput(z.object({ f: schema }), { f: value });
			return null;
		} catch (e) {
			return (e as { fields?: Record<string, string> }).fields?.f ?? 'thrown';
		}
	};

	it.each([
		['2026-02-28', null],
		['2024-02-29', null],
		['2026-02-29', 'err_date'],
		['2026-02-30', 'err_date'],
		['2026-13-01', 'err_date'],
		['2026-1-1', 'err_date'],
		['', 'err_required']
	])('zDay takes only days that exist: %j → %j', (day, error) => {
		expect(fieldError(zDay(), day)).toBe(error);
	});

	it('zOptionalDay reads blank as not given and still refuses 30 February', () => {
		expect(parseInput(z.object({ d: zOptionalDay() }), { d: ' ' }).d).toBeUndefined();
		expect(fieldError(zOptionalDay(), '2026-02-30')).toBe('err_date');
	});

	it.each([
		['2026-03-29T02:30', null],
		['2026-02-30T10:00', 'err_date'],
		['2026-02-28T24:00', 'err_date'],
		['2026-02-28T10:00Z', 'err_date'],
		['2026-02-28', 'err_date']
	])('zLocalDateTime takes only real dates and times: %j → %j', (value, error) => {
		expect(fieldError(zLocalDateTime(), value)).toBe(error);
	});

	it.each([
		['7', null],
		[' 12 ', null],
		[String(INT4_MAX), null],
		['2147483648', 'err_invalid'],
		['99999999999999999999', 'err_invalid'],
		['1.5', 'err_invalid'],
		['1e3', 'err_invalid'],
		['0', 'err_invalid'],
		['', 'err_invalid']
	])('zWhole stays within a 32-bit integer and its bounds: %j → %j', (value, error) => {
		expect(fieldError(zWhole('err_invalid', { min: 1 }), value)).toBe(error);
	});

	it('zWhole reads a blank field as its fallback', () => {
		const schema = z.object({ n: zWhole('err_invalid', { min: 1, max: 9, fallback: 6 }) });
		expect(parseInput(schema, { n: '' }).n).toBe(6);
		expect(parseInput(schema, {}).n).toBe(6);
		expect(parseInput(schema, { n: '3' }).n).toBe(3);
	});

	it('zText keeps line breaks but refuses U+FFFD and lone surrogates; zLine refuses line breaks', () => {
		expect(fieldError(zText(50), 'first line\nsecond line')).toBeNull();
		expect(fieldError(zText(50), 'caf\uFFFD')).toBe('err_invalid_characters');
		expect(fieldError(zText(50), 'a\uDC00b')).toBe('err_invalid_characters');
		expect(fieldError(zLine(50), 'Hall B')).toBeNull();
		for (const broken of ['Hall\rB', 'Hall\nB', 'Hall\r\nX-INJECTED:1', 'Hall\u2028B'])
			expect(fieldError(zLine(50), broken)).toBe('err_one_line');
	});
});
