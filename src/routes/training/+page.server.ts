import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import {
	getOwnSupervision,
	logSupervision,
	ZLogSupervisionInput
} from '$lib/server/companionship/supervision';
import { dayOf } from '$lib/server/dates/calendar';
import { siteZoneOf } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await getOwnSupervision({ db: locals.app.db, actor }).catch(pageError);
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	return {
		today: dayOf(new Date(), siteZoneOf(actor.site)),
		since: day(view.since),
		totals: view.totals,
		entries: view.entries.map((e) => ({ ...e, day: day(e.date) }))
	};
};

export const actions: Actions = {
	log: formAction(
		ZLogSupervisionInput,
		(input, { locals }) => logSupervision({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'supervision_logged' }
	)
};
