import { z } from 'zod';
import { MAX_COURSE_FILE_BYTES } from './authoring';

// The forms of the source editors (lessons and group programmes): the whole file in one language,
// and (for saving) draft or published; restoring names an earlier version.

export const ZSourceForm = z.object({
	lang: z.string().min(2).max(10),
	source: z.string().min(1, 'err_required').max(MAX_COURSE_FILE_BYTES, 'err_too_long')
});
export const ZSaveSourceForm = ZSourceForm.extend({
	status: z.enum(['draft', 'published'])
});
export type TSaveSourceForm = z.infer<typeof ZSaveSourceForm>;

export const ZRestoreVersionForm = z.object({
	lang: z.string().min(2).max(10),
	version: z.coerce.number().int().min(1)
});
