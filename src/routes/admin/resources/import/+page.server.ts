import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import { importResources, ZImportResourcesInput } from '$lib/server/resources/import-resources';
import { getResource } from '$lib/server/resources/get-resource';
import { csvColumns, requiredColumns } from '$lib/server/resources/resource-csv';
import { previewCsvUpload } from '$lib/server/web/resource-import';
import { interestCategories } from '$lib/server/resources/resources.schema';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const { areas } = await getResource({ db: locals.app.db, actor, resourceId: null }).catch(
		pageError
	);
	return {
		columns: [...csvColumns],
		required: [...requiredColumns],
		categories: [...interestCategories],
		areas: areas.map((a) => a.name)
	};
};

export const actions: Actions = {
	preview: previewCsvUpload,
	confirm: formAction(
		ZImportResourcesInput,
		(input, { locals }) => importResources({ db: locals.app.db, actor: locals.actor, input }),
		{
			done: (r: { added: number; replaced: number }) =>
				t('res_csv_imported', { added: r.added, replaced: r.replaced })
		}
	)
};
