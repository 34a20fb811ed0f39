// What changed between two snapshots of a map: items are matched by their id, so renaming an
// item is not "removed and added". Pure, so it is unit-tested.
import type { NetworkKind } from './network.schema';

export type SnapshotItem = { id: string; label: string; kind: NetworkKind; circle: number };

export type SnapshotDiff = {
	added: SnapshotItem[];
	removed: SnapshotItem[];
	/** Items in both, with the circle they were in before. */
	closer: (SnapshotItem & { from: number })[];
	further: (SnapshotItem & { from: number })[];
	unchanged: number;
};

/** The changes from `before` to `after`. */
export function diffSnapshots(
	before: readonly SnapshotItem[],
	after: readonly SnapshotItem[]
): SnapshotDiff {
	const old = new Map(before.map((i) => [i.id, i]));
	const now = new Set(after.map((i) => i.id));
	const diff: SnapshotDiff = { added: [], removed: [], closer: [], further: [], unchanged: 0 };
	for (const item of after) {
		const was = old.get(item.id);
		if (!was) diff.added.push(item);
		else if (item.circle < was.circle) diff.closer.push({ ...item, from: was.circle });
		else if (item.circle > was.circle) diff.further.push({ ...item, from: was.circle });
		else diff.unchanged += 1;
	}
	for (const item of before) if (!now.has(item.id)) diff.removed.push(item);
	return diff;
}
