import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { crisisPageOf } from '$lib/server/sites/crisis-page';
import { SITE_COOKIE } from '$lib/server/i18n/cookies';

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
	const shown = await crisisPageOf({
		db: locals.app.db,
		slug: params.site,
		locale: locals.locale
	});
	if (!shown) error(404, 'not_found');
	// Remembered for the next visit, when the site is known (not while answering without it).
	if (shown.crisis)
		cookies.set(SITE_COOKIE, shown.crisis.slug, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
	return shown;
};

// No JavaScript at all: the page must load fast and work on any phone, in any state.
export const csr = false;
