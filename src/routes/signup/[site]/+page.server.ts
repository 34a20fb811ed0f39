import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, t, type FormFailure } from '$lib/server/forms';
import { ZSignUpInput } from '$lib/server/account/account.validation';
import { signUp } from '$lib/server/account/sign-up';
import { getSiteBySlug } from '$lib/server/sites/get-site';
import { takesSignUps } from '$lib/server/sites/site-readiness';

export const load: PageServerLoad = async ({ params, locals }) => {
	const site = await getSiteBySlug({ db: locals.app.db, slug: params.site });
	if (!site) error(404, 'not_found');
	return { siteName: site.name, open: takesSignUps(site) };
};

export const actions: Actions = {
	default: async (event) => {
		// A site that does not exist is not found, whatever the form says.
		const { params, locals } = event;
		const site = await getSiteBySlug({ db: locals.app.db, slug: params.site });
		if (!site) error(404, 'not_found');
		return formAction(ZSignUpInput, async (input, _, values) => {
			const result = await signUp({ app: locals.app, site, input, ip: locals.ip });
			if (result === 'closed') {
				const closed: FormFailure = { values, errors: {}, message: t('signup_closed') };
				return fail(403, closed);
			}
			redirect(303, '/check-email');
		})(event);
	}
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
