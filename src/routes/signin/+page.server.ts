import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms';
import { ZSignInInput, zNext } from '$lib/server/account/account.validation';
import { signIn } from '$lib/server/account/sign-in';
import { forwardAuthCookies, keepKnownDevice } from '$lib/server/auth/cookies';
import { DEVICE_COOKIE } from '$lib/server/account/sign-in-throttle';

export const load: PageServerLoad = ({ url }) => ({
	reason: url.searchParams.get('reason'),
	next: url.searchParams.get('next') ?? ''
});

export const actions: Actions = {
	default: formAction(ZSignInInput, async (input, { request, locals, cookies, url }) => {
		const result = await signIn({
			app: locals.app,
			input,
			ip: locals.ip,
			headers: request.headers,
			deviceCookie: cookies.get(DEVICE_COOKIE)
		});
		forwardAuthCookies(cookies, result.headers);
		keepKnownDevice(cookies, result.deviceCookie);
		const next = zNext.parse(url.searchParams.get('next') ?? undefined);
		if (result.kind === 'second-factor')
			redirect(303, `/signin/second-factor?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	})
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
