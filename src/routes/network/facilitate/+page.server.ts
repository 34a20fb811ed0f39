import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import {
	askSession,
	listFacilitatorSessions,
	ZAskSessionInput
} from '$lib/server/network/facilitated-sessions';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	return listFacilitatorSessions({ db: locals.app.db, actor }).catch(pageError);
};

export const actions: Actions = {
	ask: formAction(
		ZAskSessionInput,
		(input, { locals }) => askSession({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'net_fac_asked' }
	)
};
