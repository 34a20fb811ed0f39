import { z } from 'zod';
import { MAX_CONTENT_FILE_BYTES } from './front-matter';
import { zWhole } from '../validation';

// The forms of the source editors (lessons and group programmes): the whole file in one language,
// and (for saving) draft or published; restoring names an earlier version.

export const ZSourceForm = z.object({
	lang: z.string().min(2).max(10),
	source: z.string().min(1, 'err_required').max(MAX_CONTENT_FILE_BYTES, 'err_too_long')
});
export const ZSaveSourceForm = ZSourceForm.extend({
	status: z.enum(['draft', 'published'])
});
export type TSaveSourceForm = z.infer<typeof ZSaveSourceForm>;

export const ZRestoreVersionForm = z.object({
	lang: z.string().min(2).max(10),
	version: zWhole('err_invalid', { min: 1 })
});
