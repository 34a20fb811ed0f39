import type { LayoutServerLoad } from './$types';
import { navFor } from '$lib/server/access/nav';
import { t } from '$lib/server/forms';
import { actingRole } from '$lib/server/access/actor';

/** The shell's data: the least each person needs to see — never another person's details. */
export const load: LayoutServerLoad = ({ locals }) => {
	const { actor, site, locale } = locals;
	return {
		locale,
		site: site
			? {
					slug: site.slug,
					name: site.name,
					isDemo: site.isDemo,
					staffSecondFactor: site.requireStaffSecondFactor,
					locales: site.locales
				}
			: null,
		actor: actor
			? {
					name: actor.name,
					role: actingRole(actor),
					sites: actor.sites.map((s) => ({ slug: s.slug, name: s.name })),
					needsSecondFactor: actor.needsSecondFactor
				}
			: null,
		nav: actor ? navFor(actor).map((item) => ({ href: item.href, label: t(item.label) })) : [],
		idleSeconds: locals.idleSeconds
	};
};
