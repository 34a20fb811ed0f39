import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, noFields, t } from '$lib/server/forms';
import { listOwnSessions } from '$lib/server/account/list-own-sessions';
import { endOwnSession, ZEndSessionInput } from '$lib/server/account/end-own-session';
import { endOtherSessions } from '$lib/server/account/end-other-sessions';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const sessions = await listOwnSessions({ db: locals.app.db, actor });
	const zone = displayZone({ profile: locals.profile, site: locals.site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	return {
		sessions: sessions.map((s) => ({
			id: s.id,
			current: s.current,
			device:
				s.browser && s.os
					? t('sessions_device_name', { browser: s.browser, os: s.os })
					: (s.browser ?? s.os ?? t('sessions_unknown_device')),
			ip: s.ip,
			started: when(s.createdAt),
			lastActive: when(s.lastSeenAt)
		}))
	};
};

export const actions: Actions = {
	end: formAction(
		ZEndSessionInput,
		async (input, { locals }) => {
			const actor = requireSignedIn(locals.actor);
			await endOwnSession({ db: locals.app.db, actor, input });
			return { ended: 'one' as const };
		},
		// A missing id is just another session that is not this person's to end.
		{ invalidIsNotFound: true }
	),
	endOthers: formAction(noFields, async (_, { locals }) => {
		const actor = requireSignedIn(locals.actor);
		await endOtherSessions({ db: locals.app.db, actor });
		return { ended: 'others' as const };
	})
};
