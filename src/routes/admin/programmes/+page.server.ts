import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { localeName } from '$lib/server/i18n/locale';
import { formatDateTime } from '$lib/format';
import { listProgrammes } from '$lib/server/groups/list-programmes';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const programmes = await listProgrammes({ db: locals.app.db, actor }).catch(pageError);
	return {
		opened: url.searchParams.has('opened'),
		site: actor.site?.slug ?? '',
		programmes: programmes.map((p) => ({
			...p,
			languages: p.languages.map(({ createdAt, ...l }) => ({
				...l,
				name: localeName(l.locale),
				at: formatDateTime(createdAt, locals.locale, actor.site?.timeZone)
			}))
		}))
	};
};
