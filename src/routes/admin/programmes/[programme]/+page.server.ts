import type { PageServerLoad } from './$types';
import { loadSourceEditor, sourceEditorActions } from '$lib/server/web/editor-page';
import { getProgrammeSource } from '$lib/server/programmes/get-programme-source';
import { listProgrammeVersions } from '$lib/server/programmes/list-programme-versions';
import { previewProgramme } from '$lib/server/programmes/preview-programme';
import { saveProgrammeVersion } from '$lib/server/programmes/save-programme-version';
import { restoreProgrammeVersion } from '$lib/server/programmes/restore-programme-version';

export const load: PageServerLoad = async (event) => ({
	...(await loadSourceEditor(event, (uses, { locale, view }) => {
		const input = { programme: event.params.programme, locale, view };
		return Promise.all([
			getProgrammeSource({ ...uses, input }),
			listProgrammeVersions({ ...uses, input })
		]);
	})),
	created: event.url.searchParams.has('created')
});

export const actions = sourceEditorActions({
	where: (params) => ({ programme: params.programme ?? '' }),
	invalid: 'programme_invalid',
	preview: previewProgramme,
	save: saveProgrammeVersion,
	restore: restoreProgrammeVersion
});
