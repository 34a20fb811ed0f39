// Input shapes every area shares. An area's own validation file keeps only what is particular to
// it (a goal's length, a companion tag); anything a second area would copy lives here.
import { z } from 'zod';
import { AppError, isErrorKey, notFound, type MessageKey } from './errors';

/** Text a person types: trimmed, no control characters, within a length. */
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
					(s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s),
					'err_invalid_characters'
				)
		);

/** Like zText, but an empty or blank field means "not given" (undefined). */
export const zOptionalText = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		zText(max).optional()
	);

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
