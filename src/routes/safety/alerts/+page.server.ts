import type { PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { listSafetyAlerts } from '$lib/server/safety/list-safety-alerts';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const alerts = await listSafetyAlerts({ db: locals.app.db, actor }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	return {
		alerts: alerts.map((a) => ({
			...a,
			createdAt: null,
			dueBy: null,
			when: when(a.createdAt),
			due: when(a.dueBy),
			overdue: a.status === 'open' && a.dueBy.getTime() < Date.now()
		}))
	};
};
