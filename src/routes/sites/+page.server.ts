import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, t } from '$lib/server/forms';
import { switchSite, ZSwitchSiteInput } from '$lib/server/account/switch-site';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	return {
		sites: actor.sites.map((s) => ({
			id: s.id,
			name: s.name,
			current: s.id === actor.site?.id,
			roles: s.roles.map((r) => t(`role_${r}`)).join(', ')
		}))
	};
};

export const actions: Actions = {
	switch: formAction(
		ZSwitchSiteInput,
		async (input, { locals }) => {
			const actor = requireSignedIn(locals.actor);
			await switchSite({ db: locals.app.db, actor, input });
			redirect(303, '/home?switched=1');
		},
		// A malformed id is just another site this person cannot work in.
		{ invalidIsNotFound: true }
	)
};
