import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { listNotifications } from '$lib/server/notifications/list-notifications';
import {
	markNotificationsRead,
	ZMarkNotificationsReadInput
} from '$lib/server/notifications/read-notifications';
import {
	getPreferences,
	setPreferences,
	ZSetPreferencesInput
} from '$lib/server/notifications/preferences';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const list = await listNotifications({ db: locals.app.db, actor }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	const preferences = actor.site
		? await getPreferences({ db: locals.app.db, actor }).catch(pageError)
		: null;
	return {
		preferences,
		zone,
		notifications: list.map((n) => ({
			id: n.id,
			kind: n.kind,
			unread: n.unread,
			at: when(n.createdAt),
			group: n.params.group ?? '',
			resource: n.params.resource ?? '',
			startsAt: n.params.startsAt ? when(new Date(n.params.startsAt)) : ''
		}))
	};
};

export const actions: Actions = {
	read: formAction(
		ZMarkNotificationsReadInput,
		(input, { locals }) => markNotificationsRead({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'notif_marked' }
	),
	preferences: formAction(
		ZSetPreferencesInput,
		(_input, { locals }, values) =>
			setPreferences({ db: locals.app.db, actor: locals.actor, input: values }),
		{ done: 'notif_prefs_saved' }
	)
};
