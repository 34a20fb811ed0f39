import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { helpPage } from '$lib/server/web/help-topics';

export const load: PageServerLoad = ({ locals, params }) => {
	const page = helpPage(locals.site, params.topic);
	if (!page) error(404, 'not_found');
	return { page };
};
