// Safety alerts come first on Today for the people who hold them and the on-call list: each open
// or acknowledged alert, how long it has waited, one tap to it. A site admin sees the counts.
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { waitedFor } from '../today/waited';
import type { TodaySource } from '../today/today-card';
import { listSafetyAlerts } from './list-safety-alerts';

export const safetyAlertsCard: TodaySource = {
	key: 'safety-alerts',
	order: -1,
	appliesTo: (actor) => mayUse(actor, 'safety.alerts'),
	async load({ db, actor, locale, now }) {
		const alerts = (await listSafetyAlerts({ db, actor, now })).filter(
			(a) => a.status !== 'closed'
		);
		if (alerts.length === 0) return null;
		const mine = alerts.filter((a) => a.view === 'full');
		const open = alerts.filter((a) => a.status === 'open').length;
		return {
			key: 'safety-alerts',
			title: t('salert_today_title'),
			summary: t('salert_today_summary', { count: alerts.length, open }),
			tone: open > 0 ? 'urgent' : 'warn',
			items: mine.slice(0, 5).map((a) => ({
				text: a.person
					? t('salert_today_item', { name: a.person })
					: t('salert_today_item_unnamed'),
				href: `/safety/alerts/${a.id}`,
				detail: t('salert_today_waited', {
					time: waitedFor(a.createdAt, now, locale),
					status: t(a.status === 'open' ? 'salert_status_open' : 'salert_status_acknowledged')
				}),
				tone: a.status === 'open' ? ('urgent' as const) : undefined
			})),
			more: { label: t('salert_today_more'), href: '/safety/alerts' }
		};
	}
};
