// The network described in figures and a type, by the rule set of decision 0018. Pure: the same
// items always give the same summary, so the rules are unit-tested one by one.
import type { ContactFrequency, NetworkKind } from './network.schema';

export type SummaryItem = {
	kind: NetworkKind;
	circle: number;
	contact: ContactFrequency;
	emotional: boolean;
	practical: boolean;
	illness: boolean;
};

export const networkTypes = [
	'empty',
	'restricted',
	'professional_centred',
	'family_centred',
	'friend_centred',
	'diverse',
	'mixed'
] as const;
export type NetworkType = (typeof networkTypes)[number];

export const supportKinds = ['emotional', 'practical', 'illness'] as const;
export type SupportKind = (typeof supportKinds)[number];

export type NetworkSummary = {
	size: number;
	/** Items per circle, closest first. */
	perCircle: [number, number, number];
	circlesFilled: number;
	balance: { family: number; friends: number; groups: number; professionals: number; pets: number };
	support: Record<SupportKind, number>;
	missingSupport: SupportKind[];
	contact: Record<ContactFrequency, number>;
	type: NetworkType;
};

/** Fewer items than this is a restricted network, whatever they are. */
export const RESTRICTED_BELOW = 5;
/** Share of the relationships (family, friends, professionals) that makes one kind the centre. */
export const CENTRE_SHARE = 0.6;

const friendKinds: readonly NetworkKind[] = ['friend', 'neighbour', 'peer'];
const groupKinds: readonly NetworkKind[] = ['group', 'activity', 'place'];

/** The summary of a map's items (decision 0018). */
export function summarise(items: readonly SummaryItem[]): NetworkSummary {
	const perCircle: [number, number, number] = [0, 0, 0];
	for (const i of items) {
		if (i.circle === 1) perCircle[0] += 1;
		else if (i.circle === 2) perCircle[1] += 1;
		else if (i.circle === 3) perCircle[2] += 1;
	}
	const count = (p: (i: SummaryItem) => boolean) => items.filter(p).length;
	const balance = {
		family: count((i) => i.kind === 'family'),
		friends: count((i) => friendKinds.includes(i.kind)),
		groups: count((i) => groupKinds.includes(i.kind)),
		professionals: count((i) => i.kind === 'professional'),
		pets: count((i) => i.kind === 'pet')
	};
	const support = {
		emotional: count((i) => i.emotional),
		practical: count((i) => i.practical),
		illness: count((i) => i.illness)
	};
	const contact = {
		daily: count((i) => i.contact === 'daily'),
		weekly: count((i) => i.contact === 'weekly'),
		monthly: count((i) => i.contact === 'monthly'),
		rarely: count((i) => i.contact === 'rarely')
	};
	const circlesFilled = perCircle.filter((n) => n > 0).length;
	return {
		size: items.length,
		perCircle,
		circlesFilled,
		balance,
		support,
		missingSupport: supportKinds.filter((k) => support[k] === 0),
		contact,
		type: networkType(items.length, circlesFilled, balance)
	};
}

/** The first rule that holds, in the order decision 0018 gives. */
export function networkType(
	size: number,
	circlesFilled: number,
	b: NetworkSummary['balance']
): NetworkType {
	if (size === 0) return 'empty';
	if (size < RESTRICTED_BELOW) return 'restricted';
	const relationships = b.family + b.friends + b.professionals;
	if (relationships > 0) {
		if (b.professionals >= 2 && b.professionals * 2 >= relationships) return 'professional_centred';
		if (b.family / relationships >= CENTRE_SHARE) return 'family_centred';
		if (b.friends / relationships >= CENTRE_SHARE) return 'friend_centred';
	}
	const sorts = [b.family, b.friends, b.groups, b.professionals].filter((n) => n > 0).length;
	if (sorts >= 3 && circlesFilled >= 2) return 'diverse';
	return 'mixed';
}
