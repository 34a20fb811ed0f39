import type { RequestHandler } from './$types';
import { redirect } from '@sveltejs/kit';
import { safeReturnPath } from '$lib/server/web/return-path';

/** Any signed-in request counts as activity (the hook records it); this one does nothing else. */
export const POST: RequestHandler = ({ request, url }) => {
	if (request.headers.get('x-kith-fetch') === '1') return new Response(null, { status: 204 });
	// Back to the page the person was on, if it is one of Kith's (never another site's).
	redirect(303, safeReturnPath(request.headers.get('referer'), url.origin));
};
