import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm } from '$lib/server/forms';
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
	open: async ({ request, locals }) => {
		const form = await parseForm(request, ZOpenCohortInput);
		if (!form.ok) return form.failure;
		let id: string;
		try {
			({ id } = await openCohort({ db: locals.app.db, actor: locals.actor, input: form.data }));
		} catch (e) {
			return failWith(e, form.values);
		}
		redirect(303, `/cohorts/${id}`);
	}
};
