// The cohorts' card on Today: the IMR sessions a peer worker or professional runs this week.
import { formatDateTime } from '../../format';
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { addDays, dayOf, startOfDay } from '../dates/calendar';
import type { TodaySource } from '../today/today-card';
import { listComingCohortSessions } from './list-coming-cohort-sessions';

export const cohortSessionsCard: TodaySource = {
	key: 'cohorts-sessions',
	order: 16,
	appliesTo: (actor) => mayUse(actor, 'cohorts.facilitate'),
	async load({ db, actor, locale, zone, now }) {
		const day = dayOf(now, zone);
		const sessions = await listComingCohortSessions({
			db,
			actor,
			input: { from: startOfDay(day, zone), to: startOfDay(addDays(day, 7), zone), limit: 5 }
		});
		if (sessions.length === 0) return null;
		return {
			key: 'cohorts-sessions',
			title: t('today_cohorts_title'),
			items: sessions.map((s) => ({
				text: s.cohortName,
				href: `/cohorts/${s.cohortId}/sessions/${s.sessionId}`,
				detail: formatDateTime(s.scheduledAt, locale, zone)
			})),
			more: { label: t('today_cohorts_more'), href: '/cohorts' }
		};
	}
};
