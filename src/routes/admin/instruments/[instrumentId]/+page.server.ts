import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import {
	getInstrument,
	publishInstrument,
	ZPublishInstrumentInput
} from '$lib/server/outcomes/manage-instruments';
import { inLanguage } from '$lib/server/outcomes/instrument';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const i = await getInstrument({ db: locals.app.db, actor, id: params.instrumentId }).catch(
		pageError
	);
	const lang = locals.locale;
	const s = i.scoring;
	return {
		id: i.id,
		title: inLanguage(i.title, lang),
		key: i.key,
		version: i.version,
		status: i.status,
		items: i.items.map((item, n) => ({
			number: n + 1,
			linkId: item.linkId,
			text: inLanguage(item.text, lang),
			kind: item.kind,
			options: item.options.map((o) => ({ value: o.value, label: inLanguage(o.label, lang) }))
		})),
		scoring: {
			method: s.method,
			items: s.items.length,
			reverse: s.reverse,
			minAnswered: s.minAnswered ?? s.items.length,
			prorate: s.prorate,
			conversion: s.conversion !== undefined,
			range: s.range,
			bands: s.bands.map((b) => ({ from: b.from, label: inLanguage(b.label, lang) })),
			alerts: s.alerts.map((a) => ({ item: a.item, atLeast: a.atLeast }))
		}
	};
};

export const actions: Actions = {
	publish: formAction(
		ZPublishInstrumentInput,
		(input, { locals }) => publishInstrument({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'out_published', notFoundAs: { _: 'out_err_not_draft' } }
	)
};
