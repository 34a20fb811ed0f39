import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { t } from '$lib/server/forms';
import { isStaff } from '$lib/server/access/permissions';
import { missingBeforeOpening } from '$lib/server/sites/site-readiness';
import { languageNameIn } from '$lib/server/i18n/locale';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const site = actor.site;
	// What the site admin must still do before the site admits members.
	const missing = site && actor.roles.includes('site_admin') ? missingBeforeOpening(site) : [];
	return {
		name: actor.name,
		siteName: site?.name ?? null,
		roles: actor.roles.map((r) => t(`role_${r}`)),
		staff: isStaff(actor.roles, false),
		platformAdmin: actor.isPlatformAdmin,
		switched: url.searchParams.has('switched'),
		beforeOpening: missing.map((item) => {
			switch (item) {
				case 'crisis_contact':
					return {
						text: t('home_ready_crisis', {
							language: languageNameIn(site?.defaultLocale ?? '', locals.locale)
						}),
						href: '/admin/site'
					};
			}
		})
	};
};
