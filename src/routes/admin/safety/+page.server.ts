import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import {
	addRiskPhrase,
	getSafetySettings,
	removeRiskPhrase,
	restoreStarterPhrases,
	setAllowContactDetails,
	ZAddPhraseInput
} from '$lib/server/safety/manage-safety';
import { zId } from '$lib/server/validation';
import {
	getAlertSettings,
	setAlertSettings,
	ZSetAlertSettingsInput
} from '$lib/server/safety/alert-settings';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const [settings, alerts] = await Promise.all([
		getSafetySettings({ db: locals.app.db, actor }),
		getAlertSettings({ db: locals.app.db, actor })
	]).catch(pageError);
	return { ...settings, alerts };
};

const ZRemove = z.object({ phraseId: zId });
const ZLocale = z.object({ locale: zId });
const ZAllow = z.object({ allow: z.preprocess((v) => v === 'on', z.boolean()) });

export const actions: Actions = {
	add: formAction(
		ZAddPhraseInput,
		(input, { locals }) => addRiskPhrase({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'safety_phrase_added' }
	),
	remove: formAction(
		ZRemove,
		(input, { locals }) => removeRiskPhrase({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'safety_phrase_removed' }
	),
	starter: formAction(
		ZLocale,
		(input, { locals }) => restoreStarterPhrases({ db: locals.app.db, actor: locals.actor, input }),
		{ done: (count) => t('safety_starter_added', { count }) }
	),
	alerts: formAction(
		ZSetAlertSettingsInput,
		(input, { locals }) => setAlertSettings({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'salert_settings_saved' }
	),
	contacts: formAction(
		ZAllow,
		(input, { locals }) =>
			setAllowContactDetails({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'safety_contacts_saved' }
	)
};
