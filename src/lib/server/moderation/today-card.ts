// The moderation card on Today: urgent and open items and how long the oldest has waited. A
// moderator opens the queue from it; a site admin sees the backlog as figures only.
import { t } from '../i18n/messages';
import { can } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import { waitedFor } from '../today/waited';
import type { TodaySource } from '../today/today-card';
import { summariseQueue } from './queue-summary';

export const moderationCard: TodaySource = {
	key: 'moderation',
	order: 2,
	appliesTo: (actor) => mayUse(actor, 'moderation.backlog'),
	async load({ db, actor, locale, now }) {
		const q = await summariseQueue({ db, actor });
		if (q.urgent + q.routine === 0) return null;
		const moderator = can(actor, 'moderation.queue');
		const href = moderator ? '/moderation' : undefined;
		return {
			key: 'moderation',
			title: moderator ? t('today_moderation_title') : t('today_moderation_backlog_title'),
			tone: q.urgent > 0 ? 'urgent' : 'warn',
			items: [
				...(q.urgent > 0
					? [
							{
								text: t('today_moderation_urgent', { count: q.urgent }),
								href,
								detail: q.oldestUrgentAt
									? t('today_oldest_waiting', { time: waitedFor(q.oldestUrgentAt, now, locale) })
									: undefined,
								tone: 'urgent' as const
							}
						]
					: []),
				...(q.routine > 0
					? [
							{
								text: t('today_moderation_open', { count: q.routine }),
								href,
								detail: q.oldestAt
									? t('today_oldest_waiting', { time: waitedFor(q.oldestAt, now, locale) })
									: undefined
							}
						]
					: [])
			],
			more: href ? { label: t('today_moderation_more'), href } : undefined
		};
	}
};
