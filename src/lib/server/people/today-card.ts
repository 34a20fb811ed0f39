// The people card on Today: invitations still waiting for an answer, for the site admin.
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { can } from '../access/actor';
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

/**
 * First steps for a member new to Kith, until they choose the name they use in groups: why that
 * name exists and who sees their real one, and where to set it with their language and text size.
 * Nothing to do but read it; it goes once a name is chosen.
 */
export const firstStepsCard: TodaySource = {
	key: 'people-first-steps',
	order: 1,
	appliesTo: (actor) => can(actor, 'member.space'),
	load: async ({ pseudonym }) =>
		pseudonym
			? null
			: {
					key: 'people-first-steps',
					// Something to read, not to do: an otherwise empty home still says where to start.
					standing: true,
					title: t('welcome_title'),
					summary: t('welcome_intro'),
					items: [
						{ text: t('welcome_pseudonym_why') },
						{ text: t('welcome_pseudonym_who') },
						{
							text: t('welcome_settings'),
							action: { label: t('welcome_settings_link'), href: '/profile' }
						}
					]
				}
};
