import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { notFound } from '$lib/server/errors';
import { formAction, pageError } from '$lib/server/forms';
import { getMap } from '$lib/server/network/get-map';
import { updateItem, ZUpdateItemInput } from '$lib/server/network/update-item';
import { removeItem, ZRemoveItemInput } from '$lib/server/network/remove-item';
import { itemView } from '$lib/server/web/network-actions';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const map = await getMap({ app: locals.app, actor }).catch(pageError);
	const item = map.items.find((i) => i.id === params.itemId);
	if (!item) pageError(notFound());
	return { item: itemView(item) };
};

export const actions: Actions = {
	update: formAction(
		ZUpdateItemInput,
		(input, { locals }) => updateItem({ app: locals.app, actor: locals.actor, input }),
		{ done: 'net_updated', invalidIsNotFound: false }
	),
	remove: formAction(ZRemoveItemInput, async (input, { locals }) => {
		await removeItem({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, '/network');
	})
};
