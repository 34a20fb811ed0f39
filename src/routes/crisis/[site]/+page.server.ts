import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { crisisPage } from '$lib/server/sites/crisis-page';
import { getSiteBySlug } from '$lib/server/sites/get-site';
import { SITE_COOKIE } from '$lib/server/i18n/cookies';

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
	const site = await getSiteBySlug({ db: locals.app.db, slug: params.site });
	if (!site) error(404, 'not_found');
	cookies.set(SITE_COOKIE, site.slug, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 60 * 60 * 24 * 365
	});
	return crisisPage({ db: locals.app.db, site });
};

// No JavaScript at all: the page must load fast and work on any phone, in any state.
export const csr = false;
