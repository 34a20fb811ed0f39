import type { PageServerLoad } from './$types';
import { helpIndex } from '$lib/server/web/help-topics';

export const load: PageServerLoad = ({ locals }) => ({ topics: helpIndex(locals.site) });
