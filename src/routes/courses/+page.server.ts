import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm } from '$lib/server/forms';
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
	enrol: async ({ request, locals }) => {
		const form = await parseForm(request, ZEnrolForm);
		if (!form.ok) return form.failure;
		try {
			await enrol({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		redirect(303, `/courses/${encodeURIComponent(form.data.course)}?enrolled=1`);
	}
};
