// Input shapes every area shares. An area's own validation file keeps only what is particular to
// it (a goal's length, a companion tag); anything a second area would copy lives here.
import { z } from 'zod';
import { AppError, isErrorKey, notFound, type MessageKey } from './errors';

/**
 * Characters Kith never stores: NUL (PostgreSQL refuses it mid-query), U+FFFD (what a body that
 * was not valid UTF-8 decodes to: the person's real text is already lost, so it is refused rather
 * than saved as something else) and lone surrogates (not text; stored as U+FFFD).
 */
export const hasUnstorableCharacters = (s: string): boolean =>
	s.includes('\u0000') || s.includes('\uFFFD') || !s.isWellFormed();

/** Control characters other than line breaks and tabs; a line break is zLine's business. */
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text a person types: trimmed, no control characters, well-formed, within a length. */
export const zText = (max: number, min = 1) =>
	z
		.string('err_required')
		.transform((s) => s.normalize('NFC').trim())
		.pipe(
			z
				.string()
				.min(min, min <= 1 ? 'err_required' : 'err_too_short')
				.max(max, 'err_too_long')
				.refine(
					(s) => !controlCharacters.test(s) && !hasUnstorableCharacters(s),
					'err_invalid_characters'
				)
		);

/**
 * A one-line field (a name, a title, a place): zText without line breaks, because a CR or LF in
 * a value that other systems treat as a line (calendar files, e-mail headers, CSV) can start a
 * line of the attacker's choosing there.
 */
export const zLine = (max: number, min = 1) =>
	zText(max, min).refine((s) => !/[\r\n\u2028\u2029]/.test(s), 'err_one_line');

/** Like zText, but an empty or blank field means "not given" (undefined). */
export const zOptionalText = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		zText(max).optional()
	);

/** Like zLine, but an empty or blank field means "not given" (undefined). */
export const zOptionalLine = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		zLine(max).optional()
	);

/**
 * A calendar day as a date input sends it (YYYY-MM-DD), and one that exists: 30 February is
 * refused here, not by the database mid-write. "In the past" is the use case's call.
 */
export const zDay = (message: MessageKey = 'err_date') =>
	z
		.string('err_required')
		.transform((s) => s.trim())
		.pipe(z.string().min(1, 'err_required').pipe(z.iso.date(message)));

/** An optional day: an empty date field means "not given" (undefined). */
export const zOptionalDay = (message: MessageKey = 'err_date') =>
	z
		.string(message)
		.optional()
		.transform((s) => s?.trim() || undefined)
		.pipe(z.iso.date(message).optional());

/**
 * A local date and time as a datetime-local input sends it (YYYY-MM-DDTHH:MM), and one that
 * exists on the calendar and the clock (no 30 February, no 25:00).
 */
export const zLocalDateTime = (message: MessageKey = 'err_date') =>
	z
		.string('err_required')
		.trim()
		.min(1, 'err_required')
		.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message)
		.pipe(z.iso.datetime({ local: true, message }));

/** PostgreSQL's integer: a number beyond it would fail mid-query instead of as a field error. */
export const INT4_MAX = 2_147_483_647;

/** A form field's text as a number for zWhole: blank is "not given", anything else not a number. */
const numberFromField = (v: unknown) => {
	if (typeof v !== 'string') return v;
	const s = v.trim();
	if (s === '') return undefined;
	return /^[+-]?\d{1,16}$/.test(s) ? Number(s) : Number.NaN;
};
const whole = (message: MessageKey, min: number, max: number) =>
	z.number(message).int(message).min(min, message).max(Math.min(max, INT4_MAX), message);
const wholeOr = (message: MessageKey, min: number, max: number, fallback: number) =>
	z.preprocess(numberFromField, whole(message, min, max).default(fallback));
type Bounds = { min: number; max?: number };

/**
 * A whole number from a form field within bounds (never beyond a 32-bit integer); a blank field
 * is `fallback` when one is given, otherwise "required".
 */
export function zWhole(
	message: MessageKey,
	bounds: Bounds & { fallback: number }
): ReturnType<typeof wholeOr>;
export function zWhole(
	message: MessageKey,
	bounds: Bounds
): z.ZodPreprocess<ReturnType<typeof whole>>;
export function zWhole(
	message: MessageKey,
	{ min, max = INT4_MAX, fallback }: Bounds & { fallback?: number }
) {
	return fallback === undefined
		? z.preprocess(numberFromField, whole(message, min, max))
		: wholeOr(message, min, max, fallback);
}

/**
 * A record id from a form or URL: only its length is bounded here, because an id of the wrong
 * shape must answer "not found" at the lookup (requireUuid), never a validation error that tells
 * a prober the id was malformed rather than someone else's.
 */
export const zId = z.string('err_invalid').max(100, 'err_invalid');

/** An id of one of Kith's own tables (uuid). better-auth user ids are not checked with this. */
export const zUuid = z.uuid('err_invalid');

export const isUuid = (s: string): boolean => zUuid.safeParse(s).success;

/** The id itself when it is shaped like one of Kith's own, otherwise "not found". */
export function requireUuid(id: string): string {
	if (!isUuid(id)) throw notFound();
	return id;
}

/**
 * Validates a use case's input again behind the route: callers other than forms (the lesson page,
 * tests) get the same per-field errors, as an AppError the form helpers already understand.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const fields: Record<string, MessageKey> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? '_');
		fields[field] ??= isErrorKey(issue.message) ? issue.message : 'err_invalid';
	}
	throw new AppError('invalid_input', fields);
}
