// The companionship card on Today, for a peer worker: the members they accompany and when they
// last had contact, offers waiting for the member's answer, and supervision when none was logged
// this month. Figures first; the record itself through the companionship page's use case
// (audited there) only when there is someone to show.
import { formatDate } from '../../format';
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { addDays, dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import type { TodayItem, TodaySource } from '../today/today-card';
import { getPeerCompanionship } from './peer-companionship';
import { summariseCompanions } from './companion-summary';

/** A companion not contacted for this many days is shown as waiting. */
const quietAfterDays = 14;
/** Supervision is due when none was logged in this many days. */
const supervisionEveryDays = 30;

export const companionsCard: TodaySource = {
	key: 'companionship-peer',
	order: 17,
	appliesTo: (actor) => mayUse(actor, 'companionship.companion'),
	async load({ db, actor, locale, now }) {
		const summary = await summariseCompanions({ db, actor, now });
		if (summary.active === 0 && summary.awaiting === 0) return null;
		// Names and contacts are the companionship record: read (and audited) only when there is one.
		const peer =
			summary.active > 0
				? await getPeerCompanionship({ db, actor, now })
				: { companions: [], awaiting: summary.awaiting };
		const today = dayOf(now, siteZoneOf(actor.site));
		const day = (d: string) => formatDate(`${d}T12:00:00Z`, locale, 'UTC');
		const items: TodayItem[] = peer.companions.map((c) => {
			const last = c.contacts[0]?.date;
			const quiet = !last || last < addDays(today, -quietAfterDays);
			return {
				text: c.memberName,
				href: '/companionship',
				detail: last
					? t('today_companion_last_contact', { day: day(last) })
					: t('today_companion_no_contact'),
				tone: quiet ? 'warn' : undefined
			};
		});
		if (peer.awaiting > 0)
			items.push({
				text: t('today_companion_awaiting', { count: peer.awaiting }),
				href: '/companionship'
			});
		const lastSupervision = summary.lastSupervision;
		const supervisionDue =
			peer.companions.length > 0 &&
			(!lastSupervision || lastSupervision < addDays(today, -supervisionEveryDays));
		if (supervisionDue)
			items.push({
				text: t('today_supervision_due'),
				href: '/training',
				detail: lastSupervision
					? t('today_supervision_last', { day: day(lastSupervision) })
					: undefined,
				tone: 'warn'
			});
		if (items.length === 0) return null;
		return {
			key: 'companionship-peer',
			title: t('today_companions_title'),
			items,
			more: { label: t('today_companions_more'), href: '/companionship' }
		};
	}
};
