// What the site offers a person, in one line each: on an empty Today and on the first-sign-in
// welcome. Only what their menu opens (built, on for the site, theirs by role) is listed.
import type { Actor } from '../access/actor';
import { navFor } from '../access/nav';
import { t, type MessageKey } from '../forms';

const offers: { href: string; label: MessageKey; text: MessageKey }[] = [
	{ href: '/courses', label: 'nav_courses', text: 'today_offer_courses' },
	{ href: '/groups', label: 'nav_groups', text: 'today_offer_groups' },
	{ href: '/goals', label: 'nav_goals', text: 'today_offer_goals' },
	{ href: '/companionship', label: 'nav_companionship', text: 'today_offer_companionship' },
	{ href: '/supporting', label: 'nav_supporting', text: 'today_offer_supporting' }
];

export type Offer = { href: string; label: string; text: string };

/** The offers `actor` may open, in their language. */
export function offersFor(actor: Actor): Offer[] {
	const open = new Set(navFor(actor).map((n) => n.href));
	return offers
		.filter((o) => open.has(o.href))
		.map((o) => ({ href: o.href, label: t(o.label), text: t(o.text) }));
}
