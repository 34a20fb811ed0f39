import type { Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE } from '../account/sign-in-throttle';

/** Copies the cookies better-auth set on its answer onto the SvelteKit response. */
export function forwardAuthCookies(cookies: Cookies, headers: Headers | null | undefined): void {
	const setCookie = headers?.get('set-cookie');
	if (!setCookie) return;
	for (const [name, attributes] of parseSetCookieHeader(setCookie)) {
		cookies.set(name, attributes.value, {
			...toCookieOptions(attributes),
			path: attributes.path || '/'
		});
	}
}

/** Keeps the browser's device cookie: the accounts that have signed in here (sign-in-throttle.ts). */
export function keepKnownDevice(cookies: Cookies, value: string): void {
	cookies.set(DEVICE_COOKIE, value, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: DEVICE_COOKIE_MAX_AGE
	});
}
