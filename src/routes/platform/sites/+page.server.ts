import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
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
	default: async ({ request, locals }) => {
		const form = await parseForm(request, ZCreateSiteInput);
		if (!form.ok) return form.failure;
		try {
			const actor = requireSignedIn(locals.actor);
			const site = await createSite({ db: locals.app.db, actor, input: form.data });
			return { done: t('sites_created', { name: site.name }) };
		} catch (e) {
			return failWith(e, form.values);
		}
	}
};
