import type { RequestHandler } from './$types';
import { redirect } from '@sveltejs/kit';

/** Any signed-in request counts as activity (the hook records it); this one does nothing else. */
export const POST: RequestHandler = ({ request }) => {
	if (request.headers.get('x-kith-fetch') === '1') return new Response(null, { status: 204 });
	redirect(303, request.headers.get('referer') ?? '/home');
};
