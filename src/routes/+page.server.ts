import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listOpenSites } from '$lib/server/sites/get-site';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.actor) redirect(303, '/home');
	return { openSites: await listOpenSites({ db: locals.app.db }) };
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
