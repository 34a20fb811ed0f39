// What the network pages show of a map item, and the words for its kind, circle and contact.
import { m } from '$lib/paraglide/messages.js';

export type MapItemView = {
	id: string;
	label: string;
	kind: Kind;
	circle: number;
	contact: Contact;
	emotional: boolean;
	practical: boolean;
	illness: boolean;
	wantMore: boolean;
	drains: boolean;
	usedToEnjoy: boolean;
};

export const kinds = [
	'family',
	'friend',
	'neighbour',
	'peer',
	'professional',
	'group',
	'pet',
	'activity',
	'place'
] as const;
export type Kind = (typeof kinds)[number];
export const contacts = ['daily', 'weekly', 'monthly', 'rarely'] as const;
export type Contact = (typeof contacts)[number];

export const kindLabel: Record<Kind, () => string> = {
	family: m.net_kind_family,
	friend: m.net_kind_friend,
	neighbour: m.net_kind_neighbour,
	peer: m.net_kind_peer,
	professional: m.net_kind_professional,
	group: m.net_kind_group,
	pet: m.net_kind_pet,
	activity: m.net_kind_activity,
	place: m.net_kind_place
};

export const contactLabel: Record<Contact, () => string> = {
	daily: m.net_contact_daily,
	weekly: m.net_contact_weekly,
	monthly: m.net_contact_monthly,
	rarely: m.net_contact_rarely
};

export const circleLabel = (circle: number): string =>
	circle === 1 ? m.net_circle_1() : circle === 2 ? m.net_circle_2() : m.net_circle_3();

export const supportWords = (i: Pick<MapItemView, 'emotional' | 'practical' | 'illness'>) =>
	[
		i.emotional ? m.net_support_emotional() : '',
		i.practical ? m.net_support_practical() : '',
		i.illness ? m.net_support_illness() : ''
	].filter(Boolean);

export const markWords = (i: Pick<MapItemView, 'wantMore' | 'drains' | 'usedToEnjoy'>) =>
	[
		i.wantMore ? m.net_mark_want_more() : '',
		i.drains ? m.net_mark_drains() : '',
		i.usedToEnjoy ? m.net_mark_used_to_enjoy() : ''
	].filter(Boolean);
