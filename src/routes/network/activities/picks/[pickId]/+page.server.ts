import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getMyPick } from '$lib/server/resources/get-my-pick';
import { answerFollowUp, ZAnswerFollowUpInput } from '$lib/server/resources/answer-follow-up';
import { followUpAnswers } from '$lib/server/resources/resources.schema';
import { resourceView } from '$lib/server/web/resource-view';
import { answerLabel } from '$lib/server/web/resource-options';
import { formatDate } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const pick = await getMyPick({ db: locals.app.db, actor, pickId: params.pickId }).catch(
		pageError
	);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	return {
		pick: {
			id: pick.id,
			due: pick.due,
			pickedOn: formatDate(pick.pickedAt, locals.locale, zone),
			followUpOn: formatDate(pick.followUpAt, locals.locale, zone),
			resource: resourceView(pick.resource, locals.locale)
		},
		answers: followUpAnswers.map((a) => ({ value: a, label: answerLabel(a) }))
	};
};

export const actions: Actions = {
	answer: formAction(
		ZAnswerFollowUpInput,
		async (input, { locals }) => {
			const { answer } = await answerFollowUp({ db: locals.app.db, actor: locals.actor, input });
			redirect(
				303,
				answer === 'try_else'
					? '/network/activities?answered=1#suggestions'
					: '/network/activities?answered=1'
			);
		},
		{ notFoundAs: { _: 'res_err_gone' } }
	)
};
