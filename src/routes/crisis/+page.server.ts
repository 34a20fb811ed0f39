import type { PageServerLoad } from './$types';
import { crisisPage } from '$lib/server/sites/crisis-page';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	const shown = await crisisPage({ db: locals.app.db, site: locals.site, locale: locals.locale });
	// The same page lives at the site's own address; the service worker keeps it under both.
	if (shown.crisis) setHeaders({ 'content-location': `/crisis/${shown.crisis.slug}` });
	return shown;
};

// No JavaScript at all: the page must load fast and work on any phone, in any state.
export const csr = false;
