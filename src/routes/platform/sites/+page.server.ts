import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError, t } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { ZCreateSiteInput } from '$lib/server/sites/site.validation';
import { createSite } from '$lib/server/sites/create-site';
import { listSites } from '$lib/server/sites/list-sites';
import { localeName, locales } from '$lib/server/i18n/locale';
import { formatNumber } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	return {
		sites: (await listSites({ db: locals.app.db, actor }).catch(pageError)).map((site) => ({
			...site,
			memberCountText: formatNumber(site.memberCount, locals.locale)
		})),
		localeOptions: locales.map((l) => ({ value: l, label: localeName(l) }))
	};
};

export const actions: Actions = {
	default: formAction(
		ZCreateSiteInput,
		(input, { locals }) =>
			createSite({ db: locals.app.db, actor: requireSignedIn(locals.actor), input }),
		{ done: (site) => t('sites_created', { name: site.name }) }
	)
};
