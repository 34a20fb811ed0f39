// The upload step of the directory's CSV import: a file is read whole and checked, and the
// page shows every problem by row and column or what would be saved; nothing is saved until the
// admin confirms, when the text comes back in the confirm form and is checked again.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { t } from '../i18n/messages';
import { AppError } from '../errors';
import { previewResourceImport } from '../resources/import-resources';
import { decodeCsv } from '../resources/resource-csv';

const MAX_BYTES = 2_000_000;

const refuse = (key: 'res_csv_err_no_file' | 'res_csv_err_too_big' | 'res_csv_err_encoding') =>
	fail(400, { errors: { file: t(key) }, message: t('err_form') });

export async function previewCsvUpload({ request, locals }: RequestEvent) {
	const file = await request
		.formData()
		.then((d) => d.get('file'))
		.catch(() => null);
	if (!(file instanceof File) || file.size === 0) return refuse('res_csv_err_no_file');
	if (file.size > MAX_BYTES) return refuse('res_csv_err_too_big');
	const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
	if (text === null || text.includes('\u0000')) return refuse('res_csv_err_encoding');
	try {
		const preview = await previewResourceImport({
			db: locals.app.db,
			actor: locals.actor,
			input: { csv: text }
		});
		return {
			preview: {
				csv: preview.issues.length === 0 ? text : '',
				added: preview.added,
				replaced: preview.replaced,
				names: preview.names.slice(0, 50),
				more: Math.max(0, preview.names.length - 50),
				issues: preview.issues.slice(0, 200).map((i) => ({
					row: i.row,
					column: i.column,
					message: t(i.message)
				})),
				moreIssues: Math.max(0, preview.issues.length - 200)
			}
		};
	} catch (e) {
		if (e instanceof AppError && e.code !== 'not_found') return refuse('res_csv_err_too_big');
		throw e;
	}
}
