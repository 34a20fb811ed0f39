import type { RequestHandler } from './$types';
import { webManifest } from '$lib/server/web/manifest';

/** The web app manifest, in the person's language, for the site they are looking at. */
export const GET: RequestHandler = ({ locals }) =>
	new Response(JSON.stringify(webManifest({ locale: locals.locale, site: locals.site })), {
		headers: {
			'content-type': 'application/manifest+json; charset=utf-8',
			// It follows the person's language: a shared cache must not hand it to someone else.
			vary: 'cookie, accept-language'
		}
	});
