import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, parseForm, t, type FormFailure } from '$lib/server/forms';
import { ZSignUpInput } from '$lib/server/account/account.validation';
import { signUp } from '$lib/server/account/sign-up';
import { getSiteBySlug } from '$lib/server/sites/get-site';

export const load: PageServerLoad = async ({ params, locals }) => {
	const site = await getSiteBySlug({ db: locals.app.db, slug: params.site });
	if (!site) error(404, 'not_found');
	return { siteName: site.name, open: site.selfRegistration };
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const site = await getSiteBySlug({ db: locals.app.db, slug: params.site });
		if (!site) error(404, 'not_found');
		const form = await parseForm(request, ZSignUpInput);
		if (!form.ok) return form.failure;
		let result;
		try {
			result = await signUp({ app: locals.app, site, input: form.data, ip: locals.ip });
		} catch (e) {
			return failWith(e, form.values);
		}
		if (result === 'closed') {
			const closed: FormFailure = { values: form.values, errors: {}, message: t('signup_closed') };
			return fail(403, closed);
		}
		redirect(303, '/check-email');
	}
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
