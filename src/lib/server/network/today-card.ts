// The network's card on Today: a facilitator asking to map together, suggestions waiting, and
// the map itself (or where to start one). The map alone is something to read, not to do.
import { t } from '../i18n/messages';
import type { MessageKey } from '../errors';
import { mayUse } from '../access/use-case-permissions';
import type { TodayItem, TodaySource } from '../today/today-card';
import { networkToday } from './network-today';
import type { NetworkType } from './network-summary';

const typeName: Record<NetworkType, MessageKey> = {
	empty: 'net_type_empty',
	restricted: 'net_type_restricted',
	professional_centred: 'net_type_professional_centred',
	family_centred: 'net_type_family_centred',
	friend_centred: 'net_type_friend_centred',
	diverse: 'net_type_diverse',
	mixed: 'net_type_mixed'
};

export const networkCard: TodaySource = {
	key: 'network',
	order: 45,
	appliesTo: (actor) => mayUse(actor, 'network.own'),
	async load({ db, actor }) {
		const today = await networkToday({ db, actor });
		const todo: TodayItem[] = [
			...today.askedBy.map((name) => ({
				text: t('net_today_session', { name }),
				href: '/network'
			})),
			...(today.suggestions > 0
				? [{ text: t('net_today_suggestions', { count: today.suggestions }), href: '/network' }]
				: [])
		];
		// Nothing to do and no map yet: no card, so a new member's Today stays short. The map is
		// one tap away in the menu.
		if (todo.length === 0 && today.summary.size === 0) return null;
		const map: TodayItem =
			today.summary.size === 0
				? { text: t('net_today_start'), href: '/network' }
				: {
						text: t('net_today_map', {
							count: today.summary.size,
							type: t(typeName[today.summary.type])
						}),
						href: '/network'
					};
		return {
			key: 'network',
			title: t('net_today_title'),
			items: [...todo, map],
			standing: todo.length === 0
		};
	}
};
