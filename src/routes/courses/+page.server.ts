import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError } from '$lib/server/forms';
import { listCatalogue } from '$lib/server/courses/list-catalogue';
import { enrol, ZEnrolForm } from '$lib/server/courses/enrol';

export const load: PageServerLoad = async ({ locals }) => ({
	catalogue: await listCatalogue({
		db: locals.app.db,
		actor: locals.actor,
		input: { locale: locals.locale }
	}).catch(pageError)
});

export const actions: Actions = {
	enrol: formAction(ZEnrolForm, async (input, { locals }) => {
		await enrol({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, `/courses/${encodeURIComponent(input.course)}?enrolled=1`);
	})
};
