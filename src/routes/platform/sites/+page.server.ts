import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError, t } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { openSite, ZOpenSiteInput } from '$lib/server/people/open-site';
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
	default: formAction(ZOpenSiteInput, async (input, { locals }) => {
		const actor = requireSignedIn(locals.actor);
		const { site, handOver } = await openSite({ app: locals.app, actor, input });
		const email = input.firstAdminEmail;
		return {
			done: t('sites_created_invited', { name: site.name, email }),
			handOver: handOver && { email, link: handOver }
		};
	})
};
