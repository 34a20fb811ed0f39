import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getSession } from '$lib/server/cohorts/get-session';
import { runSession, ZRunSessionInput } from '$lib/server/cohorts/run-session';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const input = { ...params, locale: locals.locale };
	const view = await getSession({ db: locals.app.db, actor, input }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	const { scheduledAt, heldAt, ...session } = view.session;
	return {
		...view,
		session: {
			...session,
			when: formatDateTime(scheduledAt, locals.locale, zone),
			heldOn: heldAt ? formatDateTime(heldAt, locals.locale, zone) : null
		}
	};
};

export const actions: Actions = {
	save: formAction(
		ZRunSessionInput.omit({ cohortId: true, sessionId: true }),
		(data, { locals, params }) =>
			runSession({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
		{ done: 'cohorts_session_saved' }
	)
};
