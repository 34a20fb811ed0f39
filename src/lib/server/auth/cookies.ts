import type { Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';

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
