import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms';
import { requireAccess, requireSite, requireSignedIn } from '$lib/server/access/actor';
import {
	crisisContactsToText,
	crisisWordsToText,
	ZUpdateSiteInput
} from '$lib/server/sites/site.validation';
import { updateSite } from '$lib/server/sites/update-site';
import { localeName, locales } from '$lib/server/i18n/locale';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	requireAccess(actor, 'site.settings');
	const site = requireSite(actor);
	return {
		saved: url.searchParams.has('saved'),
		site: {
			name: site.name,
			defaultLocale: site.defaultLocale,
			locales: site.locales,
			timeZone: site.timeZone,
			selfRegistration: site.selfRegistration,
			requireStaffSecondFactor: site.requireStaffSecondFactor,
			allowRemoteContent: site.allowRemoteContent,
			companionshipMonths: String(site.companionshipMonths),
			crisisContacts: crisisContactsToText(site.crisisContacts),
			crisisWords: Object.fromEntries(
				site.locales.map((l) => [l, crisisWordsToText(site.crisisContacts, l)])
			)
		},
		localeOptions: locales.map((l) => ({ value: l, label: localeName(l) }))
	};
};

export const actions: Actions = {
	default: formAction(ZUpdateSiteInput, async (input, { locals }) => {
		await updateSite({ db: locals.app.db, actor: locals.actor, input });
		// A fresh request, so the shell and this page show the saved settings.
		redirect(303, '/admin/site?saved=1');
	})
};
