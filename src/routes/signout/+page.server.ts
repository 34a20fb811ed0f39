import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '$lib/server/account/sign-out';
import { forwardAuthCookies } from '$lib/server/auth/cookies';
import { formAction, noFields } from '$lib/server/forms';

export const load: PageServerLoad = () => redirect(303, '/home');

export const actions: Actions = {
	default: formAction(noFields, async (_, { request, locals, cookies }) => {
		if (locals.actor) {
			const headers = await signOut({
				app: locals.app,
				actor: locals.actor,
				headers: request.headers
			});
			forwardAuthCookies(cookies, headers);
		}
		redirect(303, '/signin?reason=signed-out');
	})
};
