import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction } from '$lib/server/forms';
import { getOwnProfile, updateOwnProfile, ZProfileInput } from '$lib/server/people/profile';
import { commonTimeZones } from '$lib/server/i18n/common-time-zones';
import { siteZoneOf } from '$lib/server/dates/display-zone';
import { languageChoices } from '$lib/server/web/language-choices';

export const load: PageServerLoad = async ({ locals, url, cookies, request }) => {
	const actor = requireSignedIn(locals.actor);
	const profile = await getOwnProfile({ db: locals.app.db, actor });
	const site = locals.site;
	const siteZone = siteZoneOf(site);
	return {
		profile: {
			displayName: profile.displayName,
			pseudonym: profile.pseudonym ?? '',
			locale: profile.locale ?? '',
			timeZone: profile.timeZone ?? '',
			textSize: profile.textSize,
			reducedMotion: profile.reducedMotion,
			highContrast: profile.highContrast
		},
		...languageChoices({ site, cookies, request }),
		siteZone,
		zones: [...new Set([siteZone, ...commonTimeZones])],
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	default: formAction(ZProfileInput, async (input, { locals }) => {
		const actor = requireSignedIn(locals.actor);
		await updateOwnProfile({ db: locals.app.db, actor, input });
		// A fresh page, so the new language, text size and contrast apply at once.
		redirect(303, '/profile?saved=1');
	})
};
