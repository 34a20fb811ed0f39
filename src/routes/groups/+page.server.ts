import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { listGroups } from '$lib/server/groups/list-groups';
import { formatDateTime } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const page = await listGroups({
		db: locals.app.db,
		actor,
		input: { locale: locals.locale }
	}).catch(pageError);
	const zone = locals.profile?.timeZone || actor.site?.timeZone;
	const when = (d: Date | null) => (d ? formatDateTime(d, locals.locale, zone) : null);
	const cards = (list: typeof page.mine) =>
		list.map(({ nextSession, ...g }) => ({ ...g, next: when(nextSession) }));
	return {
		mine: cards(page.mine),
		joinable: cards(page.joinable),
		facilitating: cards(page.facilitating),
		reminders: page.reminders.map(({ startsAt, ...r }) => ({ ...r, when: when(startsAt) })),
		canOpen: page.canOpen
	};
};
