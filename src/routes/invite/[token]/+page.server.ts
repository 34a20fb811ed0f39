import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, parseForm, t, type FormFailure, type FormValues } from '$lib/server/forms';
import { AppError } from '$lib/server/errors';
import { findInvitation } from '$lib/server/people/find-invitation';
import { acceptInvitation } from '$lib/server/people/accept-invitation';
import { acceptInvitationWithNewAccount } from '$lib/server/people/accept-invitation-new-account';
import { ZAcceptInvitationNewAccountInput } from '$lib/server/people/invitation.validation';
import { forwardAuthCookies } from '$lib/server/auth/cookies';

export const load: PageServerLoad = async ({ params, locals }) => {
	const view = await findInvitation({
		db: locals.app.db,
		actor: locals.actor,
		token: params.token
	});
	return view.kind === 'invalid' ? { view } : { view, roleLabel: t(`role_${view.role}`) };
};

/** A link that stopped working between showing the page and pressing the button. */
function answer(e: unknown, values: FormValues) {
	if (e instanceof AppError && e.code === 'not_found') {
		const gone: FormFailure = { values, errors: {}, message: t('invite_invalid') };
		return fail(404, gone);
	}
	return failWith(e, values);
}

export const actions: Actions = {
	create: async ({ request, params, locals, cookies }) => {
		const form = await parseForm(request, ZAcceptInvitationNewAccountInput);
		if (!form.ok) return form.failure;
		let result;
		try {
			result = await acceptInvitationWithNewAccount({
				app: locals.app,
				token: params.token,
				input: form.data,
				ip: locals.ip,
				headers: request.headers
			});
		} catch (e) {
			return answer(e, form.values);
		}
		if (!result) redirect(303, '/signin');
		forwardAuthCookies(cookies, result.headers);
		redirect(303, result.kind === 'second-factor' ? '/signin/second-factor' : '/home');
	},
	accept: async ({ params, locals }) => {
		if (!locals.actor)
			redirect(303, `/signin?next=${encodeURIComponent(`/invite/${params.token}`)}`);
		try {
			const { siteName } = await acceptInvitation({
				app: locals.app,
				actor: locals.actor,
				token: params.token
			});
			return { accepted: siteName };
		} catch (e) {
			return answer(e, {});
		}
	}
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
