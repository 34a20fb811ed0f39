import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getMap } from '$lib/server/network/get-map';
import { endSession, ZEndSessionInput } from '$lib/server/network/facilitated-sessions';
import { displayNames } from '$lib/server/people/names';
import { itemView, mapActions } from '$lib/server/web/network-actions';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDate } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const map = await getMap({
		app: locals.app,
		actor,
		input: { sessionId: params.sessionId }
	}).catch(pageError);
	const names = await locals.app.db.transaction((tx) => displayNames(tx, [map.ownerId]));
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	return {
		sessionId: params.sessionId,
		memberName: names.get(map.ownerId) ?? '—',
		items: map.items.map(itemView),
		summary: map.summary,
		today: formatDate(new Date(), locals.locale, zone)
	};
};

export const actions: Actions = {
	...mapActions,
	end: formAction(ZEndSessionInput, async (input, { locals }) => {
		await endSession({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, '/network/facilitate');
	})
};
