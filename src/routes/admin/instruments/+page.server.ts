import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, noFields, pageError, t } from '$lib/server/forms';
import { listInstruments } from '$lib/server/outcomes/manage-instruments';
import { importInstrument, ZImportInstrumentInput } from '$lib/server/outcomes/import-instrument';
import { installOwnInstruments } from '$lib/server/outcomes/install-own-instruments';
import {
	listSchedules,
	schedulableGroups,
	setSchedule,
	ZSetScheduleInput
} from '$lib/server/outcomes/schedules';
import { inLanguage } from '$lib/server/outcomes/instrument';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const [instruments, schedules, groups] = await Promise.all([
		listInstruments({ db, actor }),
		listSchedules({ db, actor }),
		schedulableGroups({ db, actor })
	]).catch(pageError);
	const lang = locals.locale;
	return {
		instruments: instruments.map((i) => ({
			id: i.id,
			title: inLanguage(i.title, lang),
			key: i.key,
			version: i.version,
			status: i.status,
			questions: i.items.length
		})),
		schedules: schedules.map((s) => ({ ...s, instrument: inLanguage(s.instrument, lang) })),
		groups
	};
};

export const actions: Actions = {
	import: formAction(ZImportInstrumentInput, async (input, { locals }) => {
		const r = await importInstrument({ db: locals.app.db, actor: locals.actor, input });
		if (r.id) redirect(303, `/admin/instruments/${r.id}`);
		// Every problem, each naming its question, in the reader's language.
		return {
			problems: (r.problems ?? []).map((p) => ({
				item: p.item ?? '',
				text: t(p.message, { detail: p.detail ?? '' })
			}))
		};
	}),
	installOwn: formAction(
		noFields,
		(_input, { locals }) => installOwnInstruments({ db: locals.app.db, actor: locals.actor }),
		{ done: 'out_installed' }
	),
	schedule: formAction(
		ZSetScheduleInput,
		(input, { locals }) => setSchedule({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'out_scheduled' }
	)
};
