import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getSharedMap } from '$lib/server/network/shared-maps';
import { suggestItem, ZSuggestItemInput } from '$lib/server/network/suggest-item';
import { itemView } from '$lib/server/web/network-actions';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const map = await getSharedMap({
		app: locals.app,
		actor,
		input: { memberId: params.memberId }
	}).catch(pageError);
	return {
		memberId: params.memberId,
		memberName: map.memberName,
		items: map.items.map(itemView),
		summary: map.summary
	};
};

export const actions: Actions = {
	suggest: formAction(
		ZSuggestItemInput,
		(input, { locals }) => suggestItem({ app: locals.app, actor: locals.actor, input }),
		{ done: 'net_sugg_sent' }
	)
};
