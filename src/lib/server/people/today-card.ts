// The people card on Today: invitations still waiting for an answer, for the site admin.
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { waitedFor } from '../today/waited';
import type { TodaySource } from '../today/today-card';
import { summariseInvitations } from './invitations-summary';

export const invitationsCard: TodaySource = {
	key: 'people-invitations',
	order: 50,
	appliesTo: (actor) => mayUse(actor, 'people.manage'),
	async load({ db, actor, locale, now }) {
		const s = await summariseInvitations({ db, actor, input: { now } });
		if (s.open === 0) return null;
		return {
			key: 'people-invitations',
			title: t('today_invitations_title'),
			items: [
				{
					text: t('today_invitations_open', { count: s.open }),
					href: '/admin/people',
					detail: s.oldestAt
						? t('today_oldest_waiting', { time: waitedFor(s.oldestAt, now, locale) })
						: undefined
				},
				...(s.expiringSoon > 0
					? [
							{
								text: t('today_invitations_expiring', { count: s.expiringSoon }),
								href: '/admin/people',
								tone: 'warn' as const
							}
						]
					: [])
			]
		};
	}
};
