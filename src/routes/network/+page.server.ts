import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import { getMap } from '$lib/server/network/get-map';
import { mapSharing } from '$lib/server/network/map-sharing';
import { revokeMapShare, shareMap, ZSupporterInput } from '$lib/server/network/share-map';
import { decideSuggestion, ZDecideSuggestionInput } from '$lib/server/network/decide-suggestion';
import {
	answerSession,
	endSession,
	ZAnswerSessionInput,
	ZEndSessionInput
} from '$lib/server/network/facilitated-sessions';
import { itemView, mapActions } from '$lib/server/web/network-actions';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const [map, sharing] = await Promise.all([
		getMap({ app: locals.app, actor }),
		mapSharing({ app: locals.app, actor })
	]).catch(pageError);
	return { items: map.items.map(itemView), summary: map.summary, sharing };
};

export const actions: Actions = {
	...mapActions,
	share: formAction(
		ZSupporterInput,
		(input, { locals }) => shareMap({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'net_shared' }
	),
	revoke: formAction(
		ZSupporterInput,
		(input, { locals }) => revokeMapShare({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'net_revoked' }
	),
	decide: formAction(
		ZDecideSuggestionInput,
		(input, { locals }) => decideSuggestion({ app: locals.app, actor: locals.actor, input }),
		{
			done: (_r, input) =>
				t(input.decision === 'accept' ? 'net_sugg_accepted' : 'net_sugg_declined'),
			notFoundAs: { suggestionId: 'err_invalid' }
		}
	),
	answer: formAction(
		ZAnswerSessionInput,
		(input, { locals }) => answerSession({ db: locals.app.db, actor: locals.actor, input }),
		{
			done: (_r, input) => t(input.answer === 'agree' ? 'net_sess_agreed' : 'net_sess_declined'),
			notFoundAs: { sessionId: 'err_invalid' }
		}
	),
	end: formAction(
		ZEndSessionInput,
		(input, { locals }) => endSession({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'net_sess_ended', notFoundAs: { sessionId: 'err_invalid' } }
	)
};
