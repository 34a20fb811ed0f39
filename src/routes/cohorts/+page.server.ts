import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError } from '$lib/server/forms';
import { listCohorts } from '$lib/server/cohorts/list-cohorts';
import { openCohort, ZOpenCohortInput } from '$lib/server/cohorts/open-cohort';

export const load: PageServerLoad = async ({ locals }) => ({
	page: await listCohorts({
		db: locals.app.db,
		actor: locals.actor,
		input: { locale: locals.locale }
	}).catch(pageError)
});

export const actions: Actions = {
	open: formAction(ZOpenCohortInput, async (input, { locals }) => {
		const { id } = await openCohort({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, `/cohorts/${id}`);
	})
};
