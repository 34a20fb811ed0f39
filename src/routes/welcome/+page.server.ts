import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, noFields } from '$lib/server/forms';
import { getOwnProfile } from '$lib/server/people/profile';
import { finishWelcome, skipWelcome, ZWelcomeInput } from '$lib/server/people/welcome';
import { languageChoices } from '$lib/server/web/language-choices';
import { offersFor } from '$lib/server/web/offers';

export const load: PageServerLoad = async ({ locals, cookies, request }) => {
	const actor = requireSignedIn(locals.actor);
	const profile = await getOwnProfile({ db: locals.app.db, actor });
	const site = locals.site;
	return {
		siteName: site?.name ?? '',
		crisisHref: site ? `/crisis/${site.slug}` : '/crisis',
		profile: {
			pseudonym: profile.pseudonym ?? '',
			locale: profile.locale ?? '',
			textSize: profile.textSize
		},
		...languageChoices({ site, cookies, request }),
		offers: offersFor(actor)
	};
};

export const actions: Actions = {
	save: formAction(ZWelcomeInput, async (input, { locals }) => {
		const actor = requireSignedIn(locals.actor);
		await finishWelcome({ db: locals.app.db, actor, input });
		// A fresh page, so the chosen language and text size apply at once.
		redirect(303, '/home');
	}),
	skip: formAction(noFields, async (_, { locals }) => {
		const actor = requireSignedIn(locals.actor);
		await skipWelcome({ db: locals.app.db, actor });
		redirect(303, '/home');
	})
};

// Plain HTML: it works the same without JavaScript, and the next page loads in full (its
// language, direction and text size).
export const csr = false;
