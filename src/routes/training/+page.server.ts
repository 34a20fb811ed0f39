import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
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
	log: async ({ request, locals }) => {
		const form = await parseForm(request, ZLogSupervisionInput);
		if (!form.ok) return form.failure;
		try {
			await logSupervision({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('supervision_logged') };
	}
};
