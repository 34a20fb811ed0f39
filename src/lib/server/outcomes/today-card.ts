// The check-ins' card on Today: what is open to answer (soonest to close first) and the latest
// result of each questionnaire, in plain words, leading to the chart.
import { formatDateTime } from '../../format';
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import type { TodayItem, TodaySource } from '../today/today-card';
import { inLanguage } from './instrument';
import { listDueCheckins, listResults } from './list-checkins';

/** Closing within this long: shown as a warning. */
const SOON_MS = 24 * 3600_000;

export const checkinsCard: TodaySource = {
	key: 'checkins',
	order: 35,
	appliesTo: (actor) => mayUse(actor, 'outcomes.answer'),
	async load({ db, actor, locale, zone, now }) {
		const [{ due }, results] = await Promise.all([
			listDueCheckins({ db, actor, now }),
			listResults({ db, actor })
		]);
		const items: TodayItem[] = due.slice(0, 3).map((d) => ({
			text: inLanguage(d.title, locale),
			href: `/checkins/${d.id}`,
			detail: t('out_today_due', { closes: formatDateTime(d.closesAt, locale, zone) }),
			tone: d.closesAt.getTime() - now.getTime() < SOON_MS ? ('warn' as const) : undefined
		}));
		for (const s of results.slice(0, 2)) {
			const latest = s.points.filter((p) => !p.hidden).at(-1);
			if (!latest) continue;
			const band = s.scoring.bands.find((b) => b.key === latest.band);
			items.push({
				text: t('out_today_latest', { title: inLanguage(s.title, locale), score: latest.total }),
				detail: band ? inLanguage(band.label, locale) : undefined,
				href: '/checkins#results-h'
			});
		}
		if (items.length === 0) return null;
		return {
			key: 'checkins',
			title: t('out_today_title'),
			items,
			more: { label: t('out_today_more'), href: '/checkins' }
		};
	}
};
