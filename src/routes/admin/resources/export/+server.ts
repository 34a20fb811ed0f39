import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { exportResources } from '$lib/server/resources/export-resources';

/** The site's directory as a CSV file to download. */
export const GET: RequestHandler = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const csv = await exportResources({ db: locals.app.db, actor }).catch(pageError);
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="resources.csv"'
		}
	});
};
