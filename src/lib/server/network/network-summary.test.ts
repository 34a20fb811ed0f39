import { describe, expect, it } from 'vitest';
import { networkType, summarise, type SummaryItem } from './network-summary';
import type { NetworkKind } from './network.schema';

const item = (kind: NetworkKind, circle = 2, more: Partial<SummaryItem> = {}): SummaryItem => ({
	kind,
	circle,
	contact: 'weekly',
	emotional: false,
	practical: false,
	illness: false,
	...more
});
const many = (kind: NetworkKind, n: number, circle = 2) =>
	Array.from({ length: n }, () => item(kind, circle));
const b = (family: number, friends: number, groups: number, professionals: number, pets = 0) => ({
	family,
	friends,
	groups,
	professionals,
	pets
});

describe('the network type (decision 0018), first rule that holds', () => {
	it.each([
		['nothing on the map', 0, 0, b(0, 0, 0, 0), 'empty'],
		['fewer than five items, whatever they are', 4, 3, b(1, 1, 1, 1), 'restricted'],
		['four pets and nobody else', 4, 1, b(0, 0, 0, 0, 4), 'restricted'],
		[
			'professionals at least half the relationships (two or more)',
			6,
			2,
			b(1, 1, 2, 2),
			'professional_centred'
		],
		['one professional alone never makes it professional-centred', 5, 2, b(0, 0, 4, 1), 'mixed'],
		['family 60% or more of the relationships', 6, 2, b(3, 1, 2, 1), 'family_centred'],
		['friends, neighbours and peers 60% or more', 6, 2, b(1, 3, 2, 0), 'friend_centred'],
		['three sorts in two circles', 6, 2, b(2, 2, 2, 0), 'diverse'],
		['three sorts but all in one circle', 6, 1, b(2, 2, 2, 0), 'mixed'],
		['only groups, activities and places', 5, 3, b(0, 0, 5, 0), 'mixed']
	] as const)('%s → %s', (_what, size, circles, balance, type) => {
		expect(networkType(size, circles, balance)).toBe(type);
	});
});

describe('the summary', () => {
	it('counts size, circles, balance, contact and support present and missing', () => {
		const s = summarise([
			item('family', 1, { emotional: true, contact: 'daily' }),
			item('friend', 1, { emotional: true, practical: true }),
			item('neighbour', 2),
			item('peer', 2),
			item('professional', 3, { illness: false, contact: 'monthly' }),
			item('group', 3, { contact: 'rarely' }),
			item('pet', 1, { emotional: true, contact: 'daily' })
		]);
		expect(s.size).toBe(7);
		expect(s.perCircle).toEqual([3, 2, 2]);
		expect(s.circlesFilled).toBe(3);
		expect(s.balance).toEqual(b(1, 3, 1, 1, 1));
		expect(s.support).toEqual({ emotional: 3, practical: 1, illness: 0 });
		expect(s.missingSupport).toEqual(['illness']);
		expect(s.contact).toEqual({ daily: 2, weekly: 3, monthly: 1, rarely: 1 });
		expect(s.type).toBe('friend_centred');
	});

	it('calls an empty map empty, with every kind of support missing', () => {
		const s = summarise([]);
		expect(s).toMatchObject({ size: 0, circlesFilled: 0, type: 'empty' });
		expect(s.missingSupport).toEqual(['emotional', 'practical', 'illness']);
	});

	it('reads a family of five in the closest circle as family-centred', () => {
		expect(summarise(many('family', 5, 1)).type).toBe('family_centred');
	});
});
