import type { RequestHandler } from './$types';
import { isReady } from '$lib/server/db/client';

/** Readiness: the database answers and every committed migration is applied. */
export const GET: RequestHandler = async ({ locals }) => {
	const ready = await isReady(locals.app.database, locals.app.migrationCount);
	return new Response(ready ? 'ready' : 'not ready', {
		status: ready ? 200 : 503,
		headers: { 'content-type': 'text/plain' }
	});
};
