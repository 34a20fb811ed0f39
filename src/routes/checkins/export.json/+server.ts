import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { exportOwnCheckins } from '$lib/server/outcomes/export-fhir';

/** The member's own check-ins as a FHIR R4 Bundle, to download. */
export const GET: RequestHandler = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const bundle = await exportOwnCheckins({ app: locals.app, actor }).catch(pageError);
	return json(bundle, {
		headers: { 'content-disposition': 'attachment; filename="kith-check-ins.fhir.json"' }
	});
};
