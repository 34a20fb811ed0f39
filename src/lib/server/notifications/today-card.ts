// The notification centre's card on Today: how many are unread and the newest of them, each
// opened through the centre (which checks again that the person can still reach its target).
import { formatDateTime, isolate } from '../../format';
import { t } from '../i18n/messages';
import type { TodaySource } from '../today/today-card';
import { listNotifications } from './list-notifications';

export const notificationsCard: TodaySource = {
	key: 'notifications',
	order: 10,
	appliesTo: (actor) => actor.site !== null,
	async load({ db, actor, locale, zone }) {
		const unread = (await listNotifications({ db, actor, limit: 20 })).filter((n) => n.unread);
		if (unread.length === 0) return null;
		return {
			key: 'notifications',
			title: t('notif_title'),
			summary: t('notif_unread_count', { count: unread.length }),
			items: unread.slice(0, 3).map((n) => ({
				text:
					n.kind === 'group_reminder'
						? t('notif_group_reminder', {
								// The group's name may be in another script than the sentence.
								group: isolate(n.params.group ?? ''),
								when: n.params.startsAt
									? formatDateTime(new Date(n.params.startsAt), locale, zone)
									: ''
							})
						: n.kind === 'safety_alert'
							? t('salert_notif_alert')
							: n.kind === 'safety_crisis_help'
								? t('salert_notif_crisis_help')
								: n.kind === 'resource_follow_up'
									? t('res_notif_follow_up', { name: isolate(n.params.resource ?? '') })
									: n.kind === 'network_restricted'
										? t('net_notif_restricted')
										: t('notif_other'),
				href: `/notifications/${n.id}`,
				detail: t('notif_at', { when: formatDateTime(n.createdAt, locale, zone) })
			})),
			more: { label: t('notif_title'), href: '/notifications' }
		};
	}
};
