import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { displayZone } from '$lib/server/dates/display-zone';
import { listDueCheckins, listResults } from '$lib/server/outcomes/list-checkins';
import { hideResult, ZHideResultInput } from '$lib/server/outcomes/checkin-settings';
import { inLanguage } from '$lib/server/outcomes/instrument';
import { formatDate, formatDateTime } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const [{ due, missed }, results] = await Promise.all([
		listDueCheckins({ db, actor }),
		listResults({ db, actor })
	]).catch(pageError);
	const lang = locals.locale;
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	return {
		due: due.map((d) => ({
			id: d.id,
			title: inLanguage(d.title, lang),
			closes: formatDateTime(d.closesAt, lang, zone),
			answered: d.answered,
			questions: d.questions
		})),
		missed: missed.map((d) => ({
			id: d.id,
			title: inLanguage(d.title, lang),
			closed: formatDate(d.closesAt, lang, zone)
		})),
		results: results.map((s) => ({
			key: s.key,
			title: inLanguage(s.title, lang),
			range: s.scoring.range,
			higherIsBetter: s.scoring.higherIsBetter,
			points: s.points
				.map((p) => ({
					id: p.id,
					label: formatDate(p.at, lang, zone),
					total: p.total,
					band: s.scoring.bands.find((b) => b.key === p.band)?.label,
					hidden: p.hidden
				}))
				.map((p) => ({ ...p, band: p.band ? inLanguage(p.band, lang) : '' }))
		}))
	};
};

export const actions: Actions = {
	hide: formAction(
		ZHideResultInput,
		(input, { locals }) => hideResult({ db: locals.app.db, actor: locals.actor, input }),
		{ notFoundAs: { _: 'err_form' } }
	)
};
