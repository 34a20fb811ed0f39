import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/forms';
import { localeName } from '$lib/server/i18n/locale';
import { listCourseContent } from '$lib/server/courses/list-course-content';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { locales, courses } = await listCourseContent({
		db: locals.app.db,
		actor: locals.actor,
		input: { locale: locals.locale, course: params.course }
	}).catch(pageError);
	const course = courses[0];
	if (!course) pageError(new Error('listCourseContent returned no course'));
	return { course, languages: locales.map((l) => ({ locale: l, name: localeName(l) })) };
};
