import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
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
	add: formAction(
		ZAddParticipantInput.omit({ cohortId: true }),
		(data, { locals, params }) => {
			const input = { ...data, cohortId: params.cohortId };
			return addParticipant({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'cohorts_added' }
	),
	schedule: formAction(
		ZScheduleSessionsInput.omit({ cohortId: true }),
		(data, { locals, params }) => {
			const input = { ...data, weeks: String(data.weeks), cohortId: params.cohortId };
			return scheduleSessions({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'cohorts_scheduled' }
	)
};
