import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { localeName } from '$lib/server/i18n/locale';
import { listCourseContent } from '$lib/server/courses/list-course-content';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const content = await listCourseContent({
		db: locals.app.db,
		actor,
		input: { locale: locals.locale }
	}).catch(pageError);
	return {
		...content,
		site: actor.site?.slug ?? '',
		languages: content.locales.map((l) => ({ locale: l, name: localeName(l) }))
	};
};
