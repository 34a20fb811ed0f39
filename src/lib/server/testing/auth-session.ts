// Drives better-auth the way a browser would: real sign-in, real session cookies.
import { parseSetCookieHeader } from 'better-auth/cookies';
import type { App } from '../app';
import { loadActor } from '../auth/load-actor';
import type { Actor } from '../access/actor';
import { TEST_PASSWORD } from './factories';

/** A `cookie` request header holding every cookie a better-auth answer set (expired ones dropped). */
export function cookieHeader(headers: Headers, previous = ''): string {
	const jar = new Map(
		previous
			.split(';')
			.map((c) => c.trim().split('='))
			.filter((p): p is [string, string] => p.length === 2 && !!p[0])
	);
	const setCookie = headers.get('set-cookie');
	if (setCookie)
		for (const [name, attr] of parseSetCookieHeader(setCookie)) {
			if (attr['max-age'] === 0 || attr.value === '') jar.delete(name);
			else jar.set(name, attr.value);
		}
	return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Signs in with email and password; returns the session cookie and the raw answer. */
export async function signInCookie(
	app: App,
	email: string,
	password = TEST_PASSWORD,
	userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
): Promise<{ cookie: string; twoFactorRedirect: boolean }> {
	const { headers, response } = await app.auth.api.signInEmail({
		// As Kith's own sign-in: never "remember me", so the cookie ends with the browser session.
		body: { email, password, rememberMe: false },
		headers: new Headers({ 'user-agent': userAgent }),
		returnHeaders: true
	});
	return {
		cookie: cookieHeader(headers),
		twoFactorRedirect: 'twoFactorRedirect' in response && response.twoFactorRedirect === true
	};
}

/** The Actor the hook would build for a request carrying `cookie`; throws when there is none. */
export async function actorFor(app: App, cookie: string, now?: Date): Promise<Actor> {
	const loaded = await loadActor({ app, headers: new Headers({ cookie }), ip: '127.0.0.1', now });
	if (loaded.kind !== 'actor') throw new Error(`no actor: ${loaded.kind}`);
	return loaded.actor;
}
