import { describe, expect, it } from 'vitest';
import { diffSnapshots, type SnapshotItem } from './snapshot-diff';

const i = (id: string, circle: number, label = id): SnapshotItem => ({
	id,
	label,
	kind: 'friend',
	circle
});

describe('what changed between two snapshots', () => {
	it('names what was added, removed, moved closer or further, and counts the rest', () => {
		const d = diffSnapshots(
			[i('a', 1), i('b', 2), i('c', 3), i('d', 2)],
			[i('a', 1), i('b', 3), i('c', 1), i('e', 2)]
		);
		expect(d.added.map((x) => x.id)).toEqual(['e']);
		expect(d.removed.map((x) => x.id)).toEqual(['d']);
		expect(d.closer).toEqual([{ ...i('c', 1), from: 3 }]);
		expect(d.further).toEqual([{ ...i('b', 3), from: 2 }]);
		expect(d.unchanged).toBe(1);
	});

	it('matches items by id, so a renamed item is not removed and added', () => {
		const d = diffSnapshots([i('a', 2, 'Mum')], [i('a', 2, 'Mother')]);
		expect(d).toEqual({ added: [], removed: [], closer: [], further: [], unchanged: 1 });
	});
});
