import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { localeName } from '$lib/server/i18n/locale';
import { openGroup, requireGroupOpener, ZOpenGroupInput } from '$lib/server/groups/open-group';
import { groupFormChoices } from '$lib/server/programmes/list-programmes';
import { sitePeople } from '$lib/server/people/names';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	try {
		requireGroupOpener(actor);
		const site = requireSite(actor);
		const db = locals.app.db;
		const { programmes } = await groupFormChoices({ db, actor, locale: locals.locale });
		return {
			programmes,
			languages: site.locales.map((l) => ({ locale: l, name: localeName(l) })),
			defaultLocale: locals.locale,
			peers: await sitePeople(db, site.id, ['peer_worker']),
			professionals: await sitePeople(db, site.id, ['professional']),
			me: can(actor, 'peer.work') ? actor.userId : ''
		};
	} catch (e) {
		return pageError(e);
	}
};

export const actions: Actions = {
	default: formAction(ZOpenGroupInput, async (input, { locals }) => {
		const { id } = await openGroup({ db: locals.app.db, actor: locals.actor, input });
		// A site admin who does not facilitate it has no place in the group itself.
		redirect(303, can(locals.actor, 'peer.work') ? `/groups/${id}` : '/admin/programmes?opened=1');
	})
};
