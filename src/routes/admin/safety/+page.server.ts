import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import {
	addRiskPhrase,
	getSafetySettings,
	removeRiskPhrase,
	restoreStarterPhrases,
	setAllowContactDetails,
	ZAddPhraseInput
} from '$lib/server/safety/manage-safety';
import { zId } from '$lib/server/validation';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	return getSafetySettings({ db: locals.app.db, actor }).catch(pageError);
};

const ZRemove = z.object({ phraseId: zId });
const ZLocale = z.object({ locale: zId });
const ZAllow = z.object({ allow: z.preprocess((v) => v === 'on', z.boolean()) });

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const form = await parseForm(request, ZAddPhraseInput);
		if (!form.ok) return form.failure;
		try {
			await addRiskPhrase({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('safety_phrase_added') };
	},
	remove: async ({ request, locals }) => {
		const form = await parseForm(request, ZRemove);
		if (!form.ok) return form.failure;
		try {
			await removeRiskPhrase({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('safety_phrase_removed') };
	},
	starter: async ({ request, locals }) => {
		const form = await parseForm(request, ZLocale);
		if (!form.ok) return form.failure;
		try {
			const n = await restoreStarterPhrases({
				db: locals.app.db,
				actor: locals.actor,
				input: form.data
			});
			return { done: t('safety_starter_added', { count: n }) };
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	contacts: async ({ request, locals }) => {
		const form = await parseForm(request, ZAllow);
		if (!form.ok) return form.failure;
		try {
			await setAllowContactDetails({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('safety_contacts_saved') };
	}
};
