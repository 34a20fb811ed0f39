import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { listDeadJobs, retryDeadJob, ZRetryDeadJobInput } from '$lib/server/scheduler/manage-jobs';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const dead = await listDeadJobs({ db: locals.app.db, actor }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	return {
		dead: dead.map((j) => ({
			id: j.id,
			kind: j.kind,
			attempts: j.attempts,
			lastError: j.lastError,
			at: j.finishedAt ? formatDateTime(j.finishedAt, locals.locale, zone) : null
		}))
	};
};

export const actions: Actions = {
	retry: formAction(
		ZRetryDeadJobInput,
		(input, { locals }) => retryDeadJob({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'jobs_retried' }
	)
};
