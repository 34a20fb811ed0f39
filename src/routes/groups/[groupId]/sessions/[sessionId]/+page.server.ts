import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import {
	getGroupSession,
	recordGroupSession,
	ZRecordSessionInput
} from '$lib/server/groups/run-group-session';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await getGroupSession({ db: locals.app.db, actor, input: params }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	const { startsAt, endsAt, ...session } = view.session;
	return {
		...view,
		session: {
			id: session.id,
			number: session.number,
			status: session.status,
			delivery: session.delivery,
			place: session.place,
			videoUrl: session.videoUrl,
			when: formatDateTime(startsAt, locals.locale, zone),
			minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000)
		}
	};
};

export const actions: Actions = {
	save: formAction(
		ZRecordSessionInput.omit({ groupId: true, sessionId: true }),
		(data, { locals, params }) =>
			recordGroupSession({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
		{ done: 'groups_session_saved' }
	)
};
