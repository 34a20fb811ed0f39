import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { can, requireSignedIn } from '$lib/server/access/actor';
import { t } from '$lib/server/forms';
import { isStaff } from '$lib/server/access/permissions';
import { offersFor } from '$lib/server/web/offers';
import { needsWelcome } from '$lib/server/people/welcome';
import { displayZone } from '$lib/server/dates/display-zone';
import { composeToday } from '$lib/server/today/today-card';
import { todaySources } from '$lib/server/web/today-sources';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	// A member's first sign-in lands here: the welcome comes first, once.
	if (needsWelcome(actor, locals.profile)) redirect(303, '/welcome');
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
		offers: offersFor(actor)
	};
};
