import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms';
import { ZResetPasswordInput } from '$lib/server/account/recovery.validation';
import { resetPassword } from '$lib/server/account/reset-password';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: formAction(ZResetPasswordInput, async (input, { locals }) => {
		await resetPassword({ app: locals.app, input, ip: locals.ip });
		redirect(303, '/signin?reason=reset');
	})
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
