// Where each item sits in the drawing: three rings around the member, items of a ring spread
// evenly, in the order they were added. Deterministic, so the server draws the same map every
// time and a snapshot looks as it did.

/** The drawing's size (a square viewBox) and the rings' outer radii, closest first. */
export const MAP_SIZE = 400;
export const RING_RADII = [70, 130, 190] as const;
const CENTRE = MAP_SIZE / 2;
/** Where items of each ring sit: between the ring's inner and outer edge. */
const PLACE_RADII = [42, 100, 160] as const;
/** More items than this on one ring alternate between two radii so their dots do not overlap. */
const CROWDED = [8, 16, 24] as const;

export type Placed<T> = T & { x: number; y: number };

/** Positions for items, each with its circle (1–3); items keep their given order within a ring. */
export function layoutMap<T extends { circle: number }>(items: readonly T[]): Placed<T>[] {
	const rings: T[][] = [[], [], []];
	for (const item of items) rings[Math.min(3, Math.max(1, item.circle)) - 1]?.push(item);
	const placed: Placed<T>[] = [];
	rings.forEach((ring, r) => {
		const n = ring.length;
		const crowded = n > (CROWDED[r] ?? 0);
		// Each ring starts at a different angle, so rings with one item each do not line up.
		const start = -Math.PI / 2 + (r * Math.PI) / 5;
		ring.forEach((item, i) => {
			const angle = start + (2 * Math.PI * i) / n;
			const base = PLACE_RADII[r] ?? 0;
			const radius = crowded ? base + (i % 2 === 0 ? -12 : 12) : base;
			placed.push({
				...item,
				x: round(CENTRE + radius * Math.cos(angle)),
				y: round(CENTRE + radius * Math.sin(angle))
			});
		});
	});
	return placed;
}

/** Which ring a point of the drawing falls in (a drop), 1–3; outside the rings is the furthest. */
export function circleAt(x: number, y: number): 1 | 2 | 3 {
	const d = Math.hypot(x - CENTRE, y - CENTRE);
	if (d <= RING_RADII[0]) return 1;
	if (d <= RING_RADII[1]) return 2;
	return 3;
}

const round = (n: number) => Math.round(n * 10) / 10;
