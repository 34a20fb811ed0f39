import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import { listDirectory } from '$lib/server/resources/list-directory';
import { saveArea } from '$lib/server/resources/save-area';
import { setResourceSettings } from '$lib/server/resources/set-resource-settings';
import {
	markResourceChecked,
	ZMarkCheckedInput
} from '$lib/server/resources/mark-resource-checked';
import { ZResourceSettingsInput, ZSaveAreaInput } from '$lib/server/resources/resources.validation';
import { t } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const dir = await listDirectory({ db: locals.app.db, actor }).catch(pageError);
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	return {
		settings: dir.settings,
		areas: dir.areas.map((a) => ({
			id: a.id,
			name: a.name,
			centre: `${a.lat}, ${a.lon}`,
			postcodes: a.postcodes.join(', ')
		})),
		entries: dir.entries.map((r) => ({
			id: r.id,
			name: r.name,
			scope: t(`res_scope_${r.scope}`),
			area: r.areaName,
			checked: day(r.lastCheckedOn),
			stale: r.stale
		}))
	};
};

export const actions: Actions = {
	settings: formAction(
		ZResourceSettingsInput,
		(input, { locals }) => setResourceSettings({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'res_admin_settings_saved' }
	),
	area: formAction(
		ZSaveAreaInput,
		(input, { locals }) => saveArea({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'res_admin_area_saved' }
	),
	check: formAction(
		ZMarkCheckedInput,
		(input, { locals }) => markResourceChecked({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'res_admin_checked', notFoundAs: { _: 'res_err_gone' } }
	)
};
