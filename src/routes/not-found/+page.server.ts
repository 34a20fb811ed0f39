import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/**
 * The one "not found" answer. The hook serves this page for unknown paths and for routes the
 * person may not open, so the two can never be told apart.
 */
export const load: PageServerLoad = () => error(404, 'not_found');
