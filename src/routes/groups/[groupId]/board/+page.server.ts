import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { listThreads } from '$lib/server/board/list-threads';
import { postThread } from '$lib/server/board/post-to-board';
import { setSlowMode } from '$lib/server/board/set-slow-mode';
import { ZNewThreadInput, ZSlowModeInput } from '$lib/server/board/board.validation';
import { formatDate, formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import { crisisContactsIn } from '$lib/server/sites/crisis-contacts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await listThreads({ db: locals.app.db, actor, input: params }).catch(pageError);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	return {
		...view,
		closedOn: view.group.closedAt ? formatDate(view.group.closedAt, locals.locale, zone) : null,
		threads: view.threads.map(({ lastActivityAt, ...th }) => ({
			...th,
			when: when(lastActivityAt)
		})),
		standing: {
			agreementAccepted: view.standing.agreementAccepted,
			mutedUntil: view.standing.mutedUntil ? when(view.standing.mutedUntil) : null,
			warnings: view.standing.warnings.map((w) => ({ reason: w.reason, when: when(w.at) }))
		},
		crisisContacts: crisisContactsIn(site.crisisContacts, locals.locale, site.defaultLocale)
	};
};

export const actions: Actions = {
	post: formAction(ZNewThreadInput.omit({ groupId: true }), async (data, { locals, params }) => {
		const input = { ...data, groupId: params.groupId };
		const result = await postThread({ db: locals.app.db, actor: locals.actor, input });
		// A risk phrase: stay here and show crisis help at once, with a link to the new thread.
		if (result.risk) return { risk: true, threadId: result.threadId };
		redirect(303, `/groups/${params.groupId}/board/${result.threadId}`);
	}),
	slowMode: formAction(
		ZSlowModeInput.omit({ groupId: true, threadId: true }),
		(data, { locals, params }) => {
			const input = { ...data, seconds: String(data.seconds), groupId: params.groupId };
			return setSlowMode({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'board_slow_mode_saved' }
	)
};
