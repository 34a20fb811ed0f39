import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { parseForm, failWith, pageError, t } from '$lib/server/forms';
import { notFound } from '$lib/server/errors';
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
	switch: async ({ request, locals }) => {
		const actor = requireSignedIn(locals.actor);
		const form = await parseForm(request, ZSwitchSiteInput);
		// A malformed id is just another site this person cannot work in.
		if (!form.ok) pageError(notFound());
		try {
			await switchSite({ db: locals.app.db, actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		redirect(303, '/home?switched=1');
	}
};
