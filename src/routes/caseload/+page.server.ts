import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import { dayOf, daysBetween } from '$lib/server/dates/calendar';
import { siteZoneOf } from '$lib/server/dates/display-zone';
import { listCaseload, ZCaseloadSort } from '$lib/server/care-team/list-caseload';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const sort = ZCaseloadSort.parse(url.searchParams.get('sort'));
	const rows = await listCaseload({ db: locals.app.db, actor, sort }).catch(pageError);
	// Contacts are calendar days of the site, the same for everyone who looks.
	const today = dayOf(new Date(), siteZoneOf(actor.site));
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	return {
		sort,
		rows: rows.map((r) => ({
			memberId: r.memberId,
			name: r.name,
			roles: r.roles,
			since: day(r.since),
			lastContact: r.lastContact && {
				day: day(r.lastContact.day),
				kind: r.lastContact.kind,
				daysAgo: daysBetween(r.lastContact.day, today)
			}
		}))
	};
};
