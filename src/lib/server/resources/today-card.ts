// Two cards on Today: for a member, a follow-up that waits for an answer and the (at most three)
// picks; for a site admin, how many directory entries have not been checked for too long.
import { mayUse } from '../access/use-case-permissions';
import { t } from '../i18n/messages';
import { isolate } from '../../format';
import type { TodayItem, TodaySource } from '../today/today-card';
import { listMyPicks } from './my-picks';
import { countStaleResources } from './list-directory';

export const resourcePicksCard: TodaySource = {
	key: 'resource-picks',
	order: 42,
	appliesTo: (actor) => mayUse(actor, 'resources.own'),
	async load({ db, actor, now }) {
		const picks = await listMyPicks({ db, actor, now });
		if (picks.length === 0) return null;
		const items: TodayItem[] = picks.map((p) => ({
			text: p.due
				? t('res_today_follow_up', { name: isolate(p.resource.name) })
				: isolate(p.resource.name),
			href: `/network/activities/picks/${p.id}`,
			tone: p.due ? 'warn' : undefined,
			detail: p.due ? t('res_today_follow_up_detail') : undefined
		}));
		// A follow-up that waits comes first.
		items.sort((a, b) => Number(b.tone === 'warn') - Number(a.tone === 'warn'));
		return {
			key: 'resource-picks',
			title: t('res_today_title'),
			items,
			more: { label: t('res_today_more'), href: '/network/activities' }
		};
	}
};

export const staleResourcesCard: TodaySource = {
	key: 'resources-stale',
	order: 45,
	appliesTo: (actor) => mayUse(actor, 'resources.manage'),
	async load({ db, actor, now }) {
		const stale = await countStaleResources({ db, actor, now });
		if (stale === 0) return null;
		return {
			key: 'resources-stale',
			title: t('res_today_stale_title'),
			items: [
				{
					text: t('res_today_stale', { count: stale }),
					href: '/admin/resources#stale',
					tone: 'warn'
				}
			]
		};
	}
};
