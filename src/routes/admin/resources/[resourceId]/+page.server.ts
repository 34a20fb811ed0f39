import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getResource } from '$lib/server/resources/get-resource';
import { saveResource, ZSaveResourceInput } from '$lib/server/resources/save-resource';
import { descriptionLocales } from '$lib/server/resources/resources.validation';
import { languageNameIn } from '$lib/server/i18n/locale';
import { dayOf } from '$lib/server/dates/calendar';
import { siteZoneOf } from '$lib/server/dates/display-zone';
import {
	categoryOptions,
	costOptions,
	kindOptions,
	scopeOptions
} from '$lib/server/web/resource-options';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const id = params.resourceId === 'new' ? null : params.resourceId;
	const { resource: r, areas } = await getResource({
		db: locals.app.db,
		actor,
		resourceId: id
	}).catch(pageError);
	const site = requireSite(actor);
	const areaName = areas.find((a) => a.id === r?.areaId)?.name ?? '';
	return {
		isNew: r === null,
		resource: {
			resourceId: r?.id ?? '',
			name: r?.name ?? '',
			kind: r?.kind ?? 'group',
			categories: r?.categories ?? [],
			descriptions: descriptionLocales.map((l) => ({
				locale: l,
				label: languageNameIn(l, locals.locale),
				text: r?.descriptions[l] ?? ''
			})),
			address: r?.address ?? '',
			area: areaName,
			lat: r?.lat === null || r?.lat === undefined ? '' : String(r.lat),
			lon: r?.lon === null || r?.lon === undefined ? '' : String(r.lon),
			openingTimes: r?.openingTimes ?? '',
			cost: r?.cost ?? 'free',
			stepFree: r?.stepFree ?? false,
			wheelchair: r?.wheelchair ?? false,
			hearingLoop: r?.hearingLoop ?? false,
			transport: r?.transport ?? '',
			languages: r?.languages.join(' ') ?? '',
			contact: r?.contact ?? '',
			website: r?.website ?? '',
			scope: r?.scope ?? 'local',
			lastCheckedOn: r?.lastCheckedOn ?? dayOf(new Date(), siteZoneOf(site))
		},
		areas: areas.map((a) => ({ value: a.name, label: a.name })),
		options: {
			categories: categoryOptions(),
			kind: kindOptions(),
			cost: costOptions(),
			scope: scopeOptions()
		}
	};
};

export const actions: Actions = {
	default: formAction(
		ZSaveResourceInput,
		async (input, { locals }) => {
			await saveResource({ db: locals.app.db, actor: locals.actor, input });
			redirect(303, '/admin/resources');
		},
		{ notFoundAs: { _: 'res_err_gone' } }
	)
};
