import type { PageServerLoad } from './$types';
import { crisisPage } from '$lib/server/sites/crisis-page';

export const load: PageServerLoad = ({ locals }) =>
	crisisPage({ db: locals.app.db, site: locals.site, locale: locals.locale });

// No JavaScript at all: the page must load fast and work on any phone, in any state.
export const csr = false;
