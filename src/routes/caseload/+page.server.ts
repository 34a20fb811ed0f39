import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import { dayOf, daysBetween } from '$lib/server/dates/calendar';
import { displayZone, siteZoneOf } from '$lib/server/dates/display-zone';
import { listCaseload, ZCaseloadSort } from '$lib/server/care-team/list-caseload';
import { listCaseloadCheckins } from '$lib/server/outcomes/caseload-checkins';
import { inLanguage } from '$lib/server/outcomes/instrument';
import { mayUse } from '$lib/server/access/use-case-permissions';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const sort = ZCaseloadSort.parse(url.searchParams.get('sort'));
	const rows = await listCaseload({ db: locals.app.db, actor, sort }).catch(pageError);
	// Check-ins are for professionals only (peer workers do not see scores).
	const checkins = mayUse(actor, 'outcomes.caseload')
		? new Map(
				(await listCaseloadCheckins({ db: locals.app.db, actor }).catch(pageError)).map((c) => [
					c.memberId,
					c
				])
			)
		: null;
	// Contacts are calendar days of the site, the same for everyone who looks.
	const today = dayOf(new Date(), siteZoneOf(actor.site));
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	return {
		sort,
		showCheckins: checkins !== null,
		rows: rows.map((r) => ({
			memberId: r.memberId,
			name: r.name,
			roles: r.roles,
			since: day(r.since),
			lastContact: r.lastContact && {
				day: day(r.lastContact.day),
				kind: r.lastContact.kind,
				daysAgo: daysBetween(r.lastContact.day, today)
			},
			checkins: (() => {
				const c = checkins?.get(r.memberId);
				if (!c) return null;
				return {
					open: c.open,
					missed: c.missed,
					latest: c.latest && {
						title: inLanguage(c.latest.title, locals.locale),
						total: c.latest.total,
						day: formatDate(
							c.latest.at,
							locals.locale,
							displayZone({ profile: locals.profile, site: actor.site })
						)
					}
				};
			})()
		}))
	};
};
