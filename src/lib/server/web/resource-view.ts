// An entry of the directory as a member's or admin's page shows it, in the reader's language.
import type { Resource } from '../resources/resources.schema';
import { categoryLabel } from './resource-options';
import { t } from '../i18n/messages';

/** A link to directions to a place, with only its own coordinates (never where the member is). */
export const directionsLink = (lat: number, lon: number): string =>
	`https://www.openstreetmap.org/directions?route=%3B${lat}%2C${lon}`;

export function resourceView(r: Resource, locale: string) {
	// The description in the reader's language, else English, else any there is.
	const [lang, description] = (r.descriptions[locale] !== undefined
		? [locale, r.descriptions[locale]]
		: r.descriptions.en !== undefined
			? ['en', r.descriptions.en]
			: Object.entries(r.descriptions)[0]) ?? [null, ''];
	const access = [
		r.wheelchair ? t('res_access_wheelchair') : null,
		r.stepFree && !r.wheelchair ? t('res_access_step_free') : null,
		r.hearingLoop ? t('res_access_hearing_loop') : null
	].filter((a): a is string => a !== null);
	return {
		id: r.id,
		name: r.name,
		description: description ?? '',
		descriptionLang: lang,
		categories: r.categories.map(categoryLabel),
		kind: t(`res_kind_${r.kind}`),
		scope: r.scope,
		scopeLabel: t(`res_scope_${r.scope}`),
		cost: t(`res_cost_${r.cost}`),
		access,
		address: r.address,
		openingTimes: r.openingTimes,
		transport: r.transport,
		contact: r.contact,
		website: r.website,
		directions:
			r.scope === 'local' && r.lat !== null && r.lon !== null ? directionsLink(r.lat, r.lon) : null
	};
}
