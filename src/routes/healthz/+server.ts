import type { RequestHandler } from './$types';

/** Liveness: the process answers. */
export const GET: RequestHandler = () =>
	new Response('ok', { headers: { 'content-type': 'text/plain' } });
