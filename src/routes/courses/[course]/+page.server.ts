import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, noFields, pageError } from '$lib/server/forms';
import { getCourse } from '$lib/server/courses/get-course';
import { enrol } from '$lib/server/courses/enrol';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	course: await getCourse({
		db: locals.app.db,
		actor: locals.actor,
		input: { course: params.course, locale: locals.locale }
	}).catch(pageError),
	justEnrolled: url.searchParams.has('enrolled')
});

export const actions: Actions = {
	enrol: formAction(noFields, async (_, { locals, params }) => {
		await enrol({ db: locals.app.db, actor: locals.actor, input: { course: params.course } });
		redirect(303, `/courses/${encodeURIComponent(params.course)}?enrolled=1`);
	})
};
