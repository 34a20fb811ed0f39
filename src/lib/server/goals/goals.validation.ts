import { z } from 'zod';
import { zText } from '../account/account.validation';
import { AppError, isErrorKey, type MessageKey } from '../errors';

/** A lone surrogate would be stored as U+FFFD: refuse it rather than save something else. */
const wellFormed = (s: string) => s.isWellFormed();

/** A goal in the member's own words. */
export const zGoalText = zText(500).refine(wellFormed, 'err_invalid_characters');

/** One small SMART step. */
export const zStepText = zText(300).refine(wellFormed, 'err_invalid_characters');

/** A calendar day as a date input sends it (YYYY-MM-DD); "in the past" is the use case's call. */
export const zDay = z
	.string('err_required')
	.transform((s) => s.trim())
	.pipe(z.string().min(1, 'err_required').pipe(z.iso.date('err_date')));

/** An optional day: an empty date field means "not given". */
export const zOptionalDay = z
	.string()
	.optional()
	.transform((s) => s?.trim() || undefined)
	.pipe(z.iso.date('err_date').optional());

/** A record id from a form or URL; its shape is checked where it is looked up. */
export const zId = z.string('err_invalid').max(100, 'err_invalid');

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
