import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { getCohort } from '$lib/server/cohorts/get-cohort';
import { cohortFidelity } from '$lib/server/cohorts/cohort-fidelity';
import { addParticipant, ZAddParticipantInput } from '$lib/server/cohorts/add-participant';
import { scheduleSessions, ZScheduleSessionsInput } from '$lib/server/cohorts/schedule-sessions';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const input = { cohortId: params.cohortId, locale: locals.locale };
	const cohort = await getCohort({ db, actor, input }).catch(pageError);
	const fidelity = await cohortFidelity({ db, actor, cohortId: cohort.id }).catch(pageError);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	return {
		// The schedule form takes times on the site's clock.
		zone: site.timeZone,
		cohort: {
			...cohort,
			sessions: cohort.sessions.map(({ scheduledAt, ...s }) => ({
				...s,
				when: formatDateTime(scheduledAt, locals.locale, zone)
			}))
		},
		fidelity
	};
};

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZAddParticipantInput.omit({ cohortId: true }));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, cohortId: params.cohortId };
			await addParticipant({ db: locals.app.db, actor: locals.actor, input });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('cohorts_added') };
	},
	schedule: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZScheduleSessionsInput.omit({ cohortId: true }));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, weeks: String(form.data.weeks), cohortId: params.cohortId };
			await scheduleSessions({ db: locals.app.db, actor: locals.actor, input });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('cohorts_scheduled') };
	}
};
