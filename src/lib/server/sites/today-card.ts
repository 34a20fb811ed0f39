// The site's cards on Today: crisis help in one tap for the people it serves, and for its admin
// what must be done before the site admits members.
import { t } from '../i18n/messages';
import { can } from '../access/actor';
import { languageNameIn } from '../i18n/locale';
import type { TodaySource } from '../today/today-card';
import { missingBeforeOpening } from './site-readiness';
import { crisisContactsIn } from './crisis-contacts';

/** Crisis help, every day, for members and carers: the site's numbers to call in one tap. */
export const crisisCard: TodaySource = {
	key: 'crisis',
	order: 0,
	appliesTo: (actor) => can(actor, 'member.space') || can(actor, 'carer.space'),
	load: async ({ actor, locale }) => ({
		key: 'crisis',
		title: t('today_crisis_title'),
		summary: t('today_crisis_summary'),
		standing: true,
		// In the reader's language where the site wrote it, as on the crisis page.
		items: crisisContactsIn(
			actor.site?.crisisContacts ?? [],
			locale,
			actor.site?.defaultLocale ?? locale
		)
			.filter((c) => c.phone)
			.slice(0, 2)
			.map((c) => ({ text: c.name, lang: c.lang, phone: c.phone, detail: c.hours })),
		more: { label: t('today_crisis_more'), href: '/crisis' }
	})
};

/** What the site admin must still do before the site admits members. */
export const beforeOpeningCard: TodaySource = {
	key: 'site-before-opening',
	order: 5,
	appliesTo: (actor) => can(actor, 'site.settings'),
	async load({ actor, locale }) {
		const site = actor.site;
		const missing = site ? missingBeforeOpening(site) : [];
		if (!site || missing.length === 0) return null;
		return {
			key: 'site-before-opening',
			title: t('home_ready_title'),
			tone: 'warn',
			items: missing.map((item) => {
				switch (item) {
					case 'crisis_contact':
						return {
							text: t('home_ready_crisis', {
								language: languageNameIn(site.defaultLocale, locale)
							}),
							action: { label: t('nav_admin_site'), href: '/admin/site' }
						};
				}
			})
		};
	}
};
