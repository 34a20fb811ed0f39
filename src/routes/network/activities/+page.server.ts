import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { matchResources, type Match } from '$lib/server/resources/match-resources';
import { listMyPicks } from '$lib/server/resources/my-picks';
import { MAX_PICKS } from '$lib/server/resources/picks';
import { pickResource, ZPickResourceInput } from '$lib/server/resources/pick-resource';
import { removePick, ZRemovePickInput } from '$lib/server/resources/remove-pick';
import { resourceView } from '$lib/server/web/resource-view';
import { formatNumber } from '$lib/format';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const [matches, picks] = await Promise.all([
		matchResources({ db, actor }),
		listMyPicks({ db, actor })
	]).catch(pageError);
	const view = (m: Match) => ({
		...resourceView(m.resource, locals.locale),
		distance: m.distanceKm === null ? null : formatNumber(m.distanceKm, locals.locale),
		picked: m.picked
	});
	return {
		answered: url.searchParams.get('answered') === '1',
		matches: matches && {
			local: matches.local.map(view),
			national: matches.national.map(view),
			online: matches.online.map(view),
			from: matches.from
		},
		picks: picks.map((p) => ({ ...resourceView(p.resource, locals.locale), id: p.id, due: p.due })),
		full: picks.length >= MAX_PICKS,
		maxPicks: MAX_PICKS
	};
};

export const actions: Actions = {
	pick: formAction(
		ZPickResourceInput,
		(input, { locals }) => pickResource({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'res_picked', notFoundAs: { _: 'res_err_gone' } }
	),
	remove: formAction(
		ZRemovePickInput,
		(input, { locals }) => removePick({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'res_removed', notFoundAs: { _: 'res_err_gone' } }
	)
};
