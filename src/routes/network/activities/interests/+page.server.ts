import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getMyInterests } from '$lib/server/resources/interests';
import { listAreas } from '$lib/server/resources/list-areas';
import { saveInterests, ZInterestsInput } from '$lib/server/resources/save-interests';
import { languageNameIn } from '$lib/server/i18n/locale';
import {
	categoryOptions,
	companyOptions,
	costLimitOptions,
	modeOptions,
	timeOptions,
	travelOptions
} from '$lib/server/web/resource-options';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const [interests, areas] = await Promise.all([
		getMyInterests({ db, actor }),
		listAreas({ db, actor })
	]).catch(pageError);
	const site = requireSite(actor);
	return {
		interests: interests && {
			categories: interests.categories,
			maxCost: interests.maxCost,
			stepFree: interests.stepFree,
			wheelchair: interests.wheelchair,
			hearingLoop: interests.hearingLoop,
			travel: interests.travel,
			maxDistanceKm: String(interests.maxDistanceKm),
			language: interests.language ?? '',
			times: interests.times,
			mode: interests.mode,
			company: interests.company,
			areaId: interests.postcode ? '' : (interests.areaId ?? ''),
			postcode: interests.postcode ?? '',
			lat: interests.lat ?? '',
			lon: interests.lon ?? ''
		},
		areas: areas.map((a) => ({ value: a.id, label: a.name })),
		languages: site.locales.map((l) => ({ value: l, label: languageNameIn(l, locals.locale) })),
		options: {
			categories: categoryOptions(),
			maxCost: costLimitOptions(),
			travel: travelOptions(),
			times: timeOptions(),
			mode: modeOptions(),
			company: companyOptions()
		}
	};
};

export const actions: Actions = {
	default: formAction(ZInterestsInput, async (input, { locals }) => {
		await saveInterests({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, '/network/activities');
	})
};
