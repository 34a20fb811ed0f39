import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import {
	getCoordination,
	offerCompanion,
	ZOfferCompanionInput
} from '$lib/server/companionship/coordinate-companionship';
import {
	getCompanionshipHistory,
	ZHistoryFilter
} from '$lib/server/companionship/companionship-history';
import {
	endCompanionship,
	endReasonsFor,
	ZEndCompanionshipInput
} from '$lib/server/companionship/end-companionship';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	// Running companionships unless the coordinator asks for others; an unknown choice says so.
	const asked = url.searchParams.get('show');
	const show = ZHistoryFilter.safeParse(asked ?? 'active');
	const filter = show.success ? show.data : 'active';
	const view = await getCoordination({ db, actor }).catch(pageError);
	const history = await getCompanionshipHistory({ db, actor, as: 'coordinator', filter }).catch(
		pageError
	);
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	return {
		...view,
		supervisionSince: day(view.supervisionSince),
		open: view.open.map((r) => ({ ...r, requestedOn: day(r.requestedOn) })),
		offered: view.offered.map((r) => ({ ...r, offeredOn: day(r.offeredOn) })),
		filter,
		filterError: show.success ? null : t('err_invalid'),
		endReasons: endReasonsFor.coordinator,
		history: history.map((r) => ({ ...r, startedOn: day(r.startedOn), endsOn: day(r.endsOn) }))
	};
};

export const actions: Actions = {
	offer: formAction(
		ZOfferCompanionInput,
		(input, { locals }) => offerCompanion({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'companion_offer_sent' }
	),
	end: formAction(
		ZEndCompanionshipInput,
		(input, { locals }) =>
			endCompanionship({ db: locals.app.db, actor: locals.actor, as: 'coordinator', input }),
		// Gone, or another site's: the same words as any other refusal, next to the reason.
		{ done: 'companion_ended_staff', notFoundAs: { reason: 'companion_err_cannot_end' } }
	)
};
