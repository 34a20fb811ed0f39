import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { listVisitorDenials, UNUSUAL_VISITOR_REFUSALS } from '$lib/server/audit/access-denials';
import { shownTag } from '$lib/server/audit/address-tag';
import { formatDate, formatDateTime, formatNumber } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const rows = await listVisitorDenials({ db: locals.app.db, actor }).catch(pageError);
	const locale = locals.locale;
	const timeZone = displayZone({ profile: locals.profile, site: null });
	return {
		unusualAt: UNUSUAL_VISITOR_REFUSALS,
		rows: rows.map((r, i) => ({
			key: i,
			addressTag: r.addressTag === null ? null : shownTag(r.addressTag),
			// Counted by UTC day, so named in UTC.
			day: formatDate(`${r.day}T12:00:00Z`, locale, 'UTC'),
			notFound: formatNumber(r.notFound, locale),
			forbidden: formatNumber(r.forbidden, locale),
			lastAt: formatDateTime(r.lastAt, locale, timeZone)
		}))
	};
};
