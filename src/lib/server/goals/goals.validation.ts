import { z } from 'zod';
import { zText } from '../validation';

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
