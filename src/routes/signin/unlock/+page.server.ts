import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms';
import { ZRequestUnlockInput, ZTrustBrowserInput } from '$lib/server/account/recovery.validation';
import { requestSignInUnlock, trustBrowser } from '$lib/server/account/unlock-sign-in';
import { DEVICE_COOKIE } from '$lib/server/account/sign-in-throttle';
import { keepKnownDevice } from '$lib/server/auth/cookies';

// Opening the link changes nothing (mail scanners open links too): its page asks for one press.
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	send: formAction(ZRequestUnlockInput, async (input, { locals }) => {
		await requestSignInUnlock({ app: locals.app, input, ip: locals.ip });
		// The same answer whether or not the address has an account.
		return { sent: true };
	}),
	trust: formAction(ZTrustBrowserInput, async (input, { locals, cookies }) => {
		const value = await trustBrowser({
			app: locals.app,
			token: input.token,
			ip: locals.ip,
			deviceCookie: cookies.get(DEVICE_COOKIE)
		});
		keepKnownDevice(cookies, value);
		redirect(303, '/signin?reason=unlocked');
	})
};

// Plain HTML, like the sign-in page.
export const csr = false;
