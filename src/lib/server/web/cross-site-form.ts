import { json, text } from '@sveltejs/kit';

// SvelteKit's own check for forged form posts, done by Kith so a refusal can be counted
// (decision 0012). SvelteKit's check is turned off in svelte.config.js; this one keeps its rules
// exactly (kit 2.x, runtime/server/respond.js): a POST, PUT, PATCH or DELETE whose body is of a
// type an HTML form can send, from a page whose `Origin` is not this origin (or has none), is
// refused with 403 before anything reads the session or the database.

/** The body types a form on another site can send without asking first (CORS "simple" types). */
const formContentTypes = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	// What SvelteKit's enhanced forms send; refused too, as SvelteKit does.
	'application/x-sveltekit-formdata'
]);

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request is a form sent from another origin (or from no origin at all). */
export function isCrossSiteForm(request: Request, origin: string): boolean {
	if (!unsafeMethods.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!formContentTypes.has(type)) return false;
	return request.headers.get('origin') !== origin;
}

/** The answer SvelteKit gives such a request, word for word. */
export function crossSiteFormRefusal(request: Request): Response {
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json')
		return json({ message }, { status: 403 });
	return text(message, { status: 403 });
}
