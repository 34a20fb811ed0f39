import { describe, expect, it } from 'vitest';
import { circleAt, layoutMap, MAP_SIZE, RING_RADII } from './network-layout';

const centre = MAP_SIZE / 2;
const distance = (p: { x: number; y: number }) => Math.hypot(p.x - centre, p.y - centre);

describe('the map layout', () => {
	it('places every item inside its own ring, the same way every time', () => {
		const items = Array.from({ length: 100 }, (_, n) => ({ id: String(n), circle: (n % 3) + 1 }));
		const placed = layoutMap(items);
		expect(placed).toEqual(layoutMap(items));
		for (const p of placed) {
			const inner = p.circle === 1 ? 0 : (RING_RADII[p.circle - 2] ?? 0);
			const outer = RING_RADII[p.circle - 1] ?? 0;
			expect(distance(p)).toBeGreaterThan(inner);
			expect(distance(p)).toBeLessThan(outer);
			expect(circleAt(p.x, p.y)).toBe(p.circle);
		}
	});

	it('reads a drop outside every ring as the furthest circle', () => {
		expect(circleAt(0, 0)).toBe(3);
		expect(circleAt(centre, centre)).toBe(1);
	});
});
