import type { PageServerLoad } from './$types';

/**
 * The page the service worker shows when a page cannot be loaded offline. It keeps a copy in
 * each language the person used; the copy is rendered as a visitor sees it (see the hook's
 * `offlineCopy`), so it holds nothing personal.
 */
export const load: PageServerLoad = ({ locals }) => ({
	crisisHref: locals.site ? `/crisis/${locals.site.slug}` : '/crisis'
});

// Kept and shown without the network: no scripts to load.
export const csr = false;
