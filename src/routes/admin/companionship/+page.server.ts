import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import {
	getCoordination,
	offerCompanion,
	ZOfferCompanionInput
} from '$lib/server/companionship/coordinate-companionship';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await getCoordination({ db: locals.app.db, actor }).catch(pageError);
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	return {
		...view,
		supervisionSince: day(view.supervisionSince),
		open: view.open.map((r) => ({ ...r, requestedOn: day(r.requestedOn) })),
		offered: view.offered.map((r) => ({ ...r, offeredOn: day(r.offeredOn) })),
		active: view.active.map((r) => ({
			...r,
			startedOn: day(r.startedOn),
			endsOn: day(r.endsOn)
		}))
	};
};

export const actions: Actions = {
	offer: async ({ request, locals }) => {
		const form = await parseForm(request, ZOfferCompanionInput);
		if (!form.ok) return form.failure;
		try {
			await offerCompanion({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('companion_offer_sent') };
	}
};
