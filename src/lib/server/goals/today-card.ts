// The goals' card on Today: the member's steps due this week, overdue ones first.
import { formatDate } from '../../format';
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { addDays, dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import type { TodaySource } from '../today/today-card';
import { listStepsDue } from './list-steps-due';
import { listSharedGoals } from './list-shared-goals';
import { can } from '../access/actor';

export const stepsDueCard: TodaySource = {
	key: 'goals-due',
	order: 40,
	appliesTo: (actor) => mayUse(actor, 'goals.own'),
	async load({ db, actor, locale, now }) {
		// Target dates are days the site counts in (ARCHITECTURE.md, "Dates").
		const today = dayOf(now, siteZoneOf(actor.site));
		const steps = await listStepsDue({
			db,
			actor,
			input: { today, until: addDays(today, 6), limit: 5 }
		});
		if (steps.length === 0) return null;
		return {
			key: 'goals-due',
			title: t('today_goals_title'),
			items: steps.map((s) => {
				const day = formatDate(`${s.targetDate}T00:00:00Z`, locale, 'UTC');
				return {
					text: s.text,
					context: { text: s.goalText },
					href: `/goals/${s.goalId}`,
					detail: s.overdue ? t('today_goals_overdue', { day }) : t('today_goals_due', { day }),
					tone: s.overdue ? ('warn' as const) : undefined
				};
			}),
			more: { label: t('today_goals_more'), href: '/goals' }
		};
	}
};

/** What members shared with a carer: their goals and how far they got (each read audited). */
export const sharedWithMeCard: TodaySource = {
	key: 'goals-shared',
	order: 25,
	appliesTo: (actor) => can(actor, 'carer.space'),
	async load({ db, actor }) {
		const shared = await listSharedGoals({ db, actor });
		if (shared.length === 0) return null;
		return {
			key: 'goals-shared',
			title: t('today_shared_title'),
			items: shared.slice(0, 5).map((g) => ({
				text: g.text,
				context: { text: g.memberName },
				href: '/supporting',
				detail: t('goals_progress', { done: g.progress.done, total: g.progress.total })
			})),
			more: { label: t('today_shared_more'), href: '/supporting' }
		};
	}
};
