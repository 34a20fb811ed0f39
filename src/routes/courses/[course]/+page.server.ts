import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError } from '$lib/server/forms';
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
	enrol: async ({ locals, params }) => {
		try {
			await enrol({ db: locals.app.db, actor: locals.actor, input: { course: params.course } });
		} catch (e) {
			return failWith(e, {});
		}
		redirect(303, `/courses/${encodeURIComponent(params.course)}?enrolled=1`);
	}
};
