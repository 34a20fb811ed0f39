import type { LayoutServerLoad } from './$types';
import { navFor } from '$lib/server/access/nav';
import { t } from '$lib/server/forms';
import { actingRole } from '$lib/server/access/actor';
import { countUnreadNotifications } from '$lib/server/notifications/list-notifications';
import { hasSafetyPlan } from '$lib/server/plans/has-safety-plan';

/** The shell's data: the least each person needs to see — never another person's details. */
export const load: LayoutServerLoad = async ({ locals }) => {
	const { actor, site, locale } = locals;
	const unread =
		actor && !actor.needsSecondFactor
			? await countUnreadNotifications({ db: locals.app.db, actor })
			: 0;
	// The member's safety plan, one tap from every page beside crisis help, once they have one.
	const safetyPlan = await hasSafetyPlan({ db: locals.app.db, actor });
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
		nav: actor
			? navFor(actor).map((item) =>
					item.href === '/notifications'
						? {
								href: item.href,
								label: t(item.label),
								// The unread count, and the link's name with it ("Notifications, 2 unread").
								count: unread,
								name: unread > 0 ? t('notif_nav_unread', { count: unread }) : undefined
							}
						: { href: item.href, label: t(item.label) }
				)
			: [],
		safetyPlan,
		idleSeconds: locals.idleSeconds
	};
};
