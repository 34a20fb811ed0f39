import { z } from 'zod';
import { zText } from '../validation';

// Shared pieces of the lesson page's form schemas.

/** A check's or prompt's key as the lesson format defines it (a-z, 0-9, hyphens). */
export const zKey = z.string('err_invalid').regex(/^[a-z0-9-]{1,80}$/, 'err_invalid');

/** The longest reflection a person can save. */
export const REFLECTION_MAX = 5000;

/**
 * A reflection as typed: trimmed, not empty, at most REFLECTION_MAX characters. Browsers send
 * line breaks as CRLF but count them as one character for `maxlength`, so they are counted (and
 * stored) as one here too.
 */
export const zReflection = z
	.string('err_required')
	.transform((s) => s.replace(/\r\n?/g, '\n'))
	.pipe(zText(REFLECTION_MAX))
	.refine((s) => s.isWellFormed(), 'err_invalid_characters');
