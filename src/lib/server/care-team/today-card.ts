// The care team's cards on Today. A supporter sees the people on their caseload they have had no
// contact with for a while (the count first; the caseload itself, audited, only when there is
// someone). A site admin sees members' requests for a change waiting for an answer.
import { and, asc, eq } from 'drizzle-orm';
import { formatDate } from '../../format';
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { requireSite } from '../access/actor';
import { addDays, dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { displayNames } from '../people/names';
import type { TodayItem, TodaySource } from '../today/today-card';
import { careTeamRequests } from './care-team.schema';
import { countCaseload } from './count-caseload';
import { listCaseload } from './list-caseload';

/** Someone not contacted for this many days is shown as waiting. */
export const quietAfterDays = 21;
const shown = 5;

export const caseloadCard: TodaySource = {
	key: 'care-team-caseload',
	order: 18,
	appliesTo: (actor) => mayUse(actor, 'care_team.caseload'),
	async load({ db, actor, locale, now }) {
		if ((await countCaseload({ db, actor, now })) === 0) return null;
		const rows = await listCaseload({ db, actor, now });
		const since = addDays(dayOf(now, siteZoneOf(actor.site)), -quietAfterDays);
		const quiet = rows.filter((r) => !r.lastContact || r.lastContact.day < since);
		if (quiet.length === 0) return null;
		const day = (d: string) => formatDate(`${d}T12:00:00Z`, locale, 'UTC');
		const items: TodayItem[] = quiet.slice(0, shown).map((r) => ({
			text: r.name,
			href: '/caseload',
			detail: r.lastContact
				? t('care_today_last_contact', { day: day(r.lastContact.day) })
				: t('care_no_contact'),
			tone: 'warn'
		}));
		return {
			key: 'care-team-caseload',
			title: t('care_today_title'),
			summary: t('care_today_summary', { count: quiet.length, days: quietAfterDays }),
			items,
			more: { label: t('care_today_more'), href: '/caseload' }
		};
	}
};

export const careRequestsCard: TodaySource = {
	key: 'care-team-requests',
	order: 12,
	appliesTo: (actor) => mayUse(actor, 'care_team.answer'),
	async load({ db, actor }) {
		const site = requireSite(actor);
		// Who is waiting and since when; their words stay on their admin page.
		return db.transaction(async (tx) => {
			const open = await tx
				.select({ memberId: careTeamRequests.memberId })
				.from(careTeamRequests)
				.where(and(eq(careTeamRequests.siteId, site.id), eq(careTeamRequests.status, 'open')))
				.orderBy(asc(careTeamRequests.createdAt))
				.limit(shown);
			if (open.length === 0) return null;
			const names = await displayNames(
				tx,
				open.map((r) => r.memberId)
			);
			return {
				key: 'care-team-requests',
				title: t('care_today_requests_title'),
				items: open.map((r) => ({
					text: names.get(r.memberId) ?? t('care_today_requests_someone'),
					detail: t('care_today_requests_detail'),
					href: `/admin/people/${r.memberId}`
				}))
			};
		});
	}
};
