import type { PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { listQueue } from '$lib/server/moderation/list-queue';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const { entries, more } = await listQueue({ db: locals.app.db, actor }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	return {
		queue: entries.map(({ createdAt, ...q }) => ({
			...q,
			when: formatDateTime(createdAt, locals.locale, zone)
		})),
		more
	};
};
