import type { PageServerLoad } from './$types';
import { can, requireSignedIn } from '$lib/server/access/actor';
import { t } from '$lib/server/forms';
import { isStaff } from '$lib/server/access/permissions';
import { navFor } from '$lib/server/access/nav';
import { displayZone } from '$lib/server/dates/display-zone';
import { composeToday } from '$lib/server/today/today-card';
import { todaySources } from '$lib/server/web/today-sources';
import type { MessageKey } from '$lib/server/errors';

/** What an empty member home offers, where the person may open it. */
const offers: { href: string; label: MessageKey; text: MessageKey }[] = [
	{ href: '/courses', label: 'nav_courses', text: 'today_offer_courses' },
	{ href: '/groups', label: 'nav_groups', text: 'today_offer_groups' },
	{ href: '/goals', label: 'nav_goals', text: 'today_offer_goals' },
	{ href: '/companionship', label: 'nav_companionship', text: 'today_offer_companionship' },
	{ href: '/supporting', label: 'nav_supporting', text: 'today_offer_supporting' }
];

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const site = actor.site;
	const cards = site
		? await composeToday(todaySources, {
				db: locals.app.db,
				actor,
				locale: locals.locale,
				zone: displayZone({ profile: locals.profile, site }),
				now: new Date(),
				pseudonym: locals.profile?.pseudonym ?? null
			})
		: [];
	const open = new Set(navFor(actor).map((n) => n.href));
	return {
		name: actor.name,
		siteName: site?.name ?? null,
		roles: actor.roles.map((r) => t(`role_${r}`)),
		staff: isStaff(actor.roles, false),
		member: can(actor, 'member.space'),
		carer: can(actor, 'carer.space'),
		platformAdmin: actor.isPlatformAdmin,
		switched: url.searchParams.has('switched'),
		cards,
		/** Nothing to do today: the page says what the site offers instead of showing a blank. */
		empty: cards.every((c) => c.standing),
		offers: offers
			.filter((o) => open.has(o.href))
			.map((o) => ({ href: o.href, label: t(o.label), text: t(o.text) }))
	};
};
