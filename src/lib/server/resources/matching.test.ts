import { describe, expect, it } from 'vitest';
import {
	distanceKm,
	passesFilters,
	rankResources,
	scoreOf,
	type Candidate,
	type Wishes
} from './matching';

const copenhagen = { lat: 55.6761, lon: 12.5683 };
const aarhus = { lat: 56.1629, lon: 10.2039 };

const wishes = (w: Partial<Wishes> = {}): Wishes => ({
	categories: ['creative'],
	maxCost: 'any',
	stepFree: false,
	wheelchair: false,
	hearingLoop: false,
	language: null,
	mode: 'either',
	maxDistanceKm: 10,
	from: copenhagen,
	...w
});
const res = (c: Partial<Candidate> & { id: string }): Candidate => ({
	name: c.id,
	categories: ['creative'],
	cost: 'free',
	stepFree: false,
	wheelchair: false,
	hearingLoop: false,
	languages: [],
	scope: 'local',
	point: copenhagen,
	...c
});

describe('distance', () => {
	it('is the great-circle distance by haversine', () => {
		expect(distanceKm(copenhagen, aarhus)).toBeGreaterThan(155);
		expect(distanceKm(copenhagen, aarhus)).toBeLessThan(158);
		expect(distanceKm(copenhagen, copenhagen)).toBe(0);
		// Across the antimeridian, not around the world.
		expect(distanceKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeLessThan(112);
	});

	it('brings a nearer resource higher and drops one beyond the member’s limit', () => {
		const near = res({ id: 'near', point: { lat: 55.68, lon: 12.57 } });
		const farther = res({ id: 'farther', point: { lat: 55.72, lon: 12.6 } });
		const far = res({ id: 'far', point: aarhus });
		const m = rankResources([far, farther, near], wishes());
		expect(m.local.map((r) => r.id)).toEqual(['near', 'farther']);
		expect(m.local[0]?.distanceKm).toBe(0.4);
	});
});

describe('filters', () => {
	it('leave out what costs more than the member can pay', () => {
		expect(passesFilters(res({ id: 'a', cost: 'paid' }), wishes({ maxCost: 'low' }))).toBe(false);
		expect(passesFilters(res({ id: 'a', cost: 'low' }), wishes({ maxCost: 'low' }))).toBe(true);
		expect(passesFilters(res({ id: 'a', cost: 'low' }), wishes({ maxCost: 'free' }))).toBe(false);
	});

	it('leave out places without the access the member needs', () => {
		const w = wishes({ wheelchair: true });
		expect(passesFilters(res({ id: 'a' }), w)).toBe(false);
		expect(passesFilters(res({ id: 'a', wheelchair: true }), w)).toBe(true);
		// Wheelchair access is step-free access.
		expect(passesFilters(res({ id: 'a', wheelchair: true }), wishes({ stepFree: true }))).toBe(
			true
		);
		expect(passesFilters(res({ id: 'a' }), wishes({ hearingLoop: true }))).toBe(false);
		expect(passesFilters(res({ id: 'a', scope: 'online' }), wishes({ hearingLoop: true }))).toBe(
			true
		);
	});

	it('leave out what shares none of the member’s interests', () => {
		expect(scoreOf(res({ id: 'a', categories: ['nature'] }), wishes())).toBeNull();
		expect(
			scoreOf(res({ id: 'a', categories: ['nature'] }), wishes({ categories: [] }))
		).not.toBeNull();
	});
});

describe('ranking', () => {
	it('always offers national and online options beside local ones', () => {
		const m = rankResources(
			[
				res({ id: 'local' }),
				res({ id: 'national', scope: 'national', point: null }),
				res({ id: 'online', scope: 'online', point: null })
			],
			wishes({ from: null })
		);
		expect(m.local.map((r) => r.id)).toEqual(['local']);
		expect(m.national.map((r) => r.id)).toEqual(['national']);
		expect(m.online.map((r) => r.id)).toEqual(['online']);
	});

	it('puts more shared interests first', () => {
		const m = rankResources(
			[res({ id: 'one' }), res({ id: 'two', categories: ['creative', 'social'] })],
			wishes({ categories: ['creative', 'social'] })
		);
		expect(m.local.map((r) => r.id)).toEqual(['two', 'one']);
		expect(m.local[0]?.matched).toEqual(['creative', 'social']);
	});

	it('breaks ties by distance, then name, then id, whatever order they came in', () => {
		const a = res({ id: 'b-id', name: 'Same' });
		const b = res({ id: 'a-id', name: 'Same' });
		const c = res({ id: 'c', name: 'Alpha' });
		const d = res({ id: 'd', name: 'Zeta', point: { lat: 55.68, lon: 12.57 } });
		const order = rankResources([a, b, c, d], wishes({ maxDistanceKm: 100 })).local.map(
			(r) => r.id
		);
		expect(order).toEqual(['c', 'a-id', 'b-id', 'd']);
		expect(
			rankResources([d, c, b, a], wishes({ maxDistanceKm: 100 })).local.map((r) => r.id)
		).toEqual(order);
	});

	it('prefers online ones for a member who would rather stay online', () => {
		const m = scoreOf(res({ id: 'o', scope: 'online', point: null }), wishes({ mode: 'online' }));
		const l = scoreOf(
			res({ id: 'l', scope: 'online', point: null }),
			wishes({ mode: 'in_person' })
		);
		expect(m?.score).toBeGreaterThan(l?.score ?? 0);
	});
});
