// The plans' card on Today: the member's safety plan in one tap, or an invitation to write one.
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import type { TodaySource } from '../today/today-card';
import { hasSafetyPlan } from './has-safety-plan';

export const safetyPlanCard: TodaySource = {
	key: 'safety-plan',
	// Just after crisis help: both are there for a hard moment.
	order: 1,
	appliesTo: (actor) => mayUse(actor, 'plans.own'),
	async load({ db, actor }) {
		const has = await hasSafetyPlan({ db, actor });
		return {
			key: 'safety-plan',
			title: t('plan_today_title'),
			summary: has ? t('plan_today_has') : t('plan_today_none'),
			// Always there, like crisis help: it is not a task waiting to be done.
			standing: true,
			items: [],
			more: has
				? { label: t('plan_today_open'), href: '/plans/safety' }
				: { label: t('plan_today_make'), href: '/plans/safety/edit' }
		};
	}
};
