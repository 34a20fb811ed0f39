import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zId } from '../validation';
import { snapshotOf, snapshotsOf, type SnapshotFigures } from './snapshots';
import { diffSnapshots, type SnapshotDiff, type SnapshotItem } from './snapshot-diff';

export const ZCompareInput = z.object({ a: zId.optional(), b: zId.optional() });

type Side = SnapshotFigures & { items: SnapshotItem[] };
export type Comparison = {
	snapshots: SnapshotFigures[];
	/** The two compared, older first, when two were chosen (or the two newest by default). */
	pair: { before: Side; after: Side; diff: SnapshotDiff } | null;
};

/**
 * The member's snapshots, and two of them side by side with what changed: by default the two
 * newest. Comparing is the member's own read of their data: audited like a goal's read.
 */
export async function compareSnapshots({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZCompareInput>;
}): Promise<Comparison> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	const { a, b } = parseInput(ZCompareInput, input);
	return app.db.transaction(async (tx) => {
		const snapshots = await snapshotsOf(tx, site.id, actor.userId);
		const first = a ?? snapshots[1]?.id;
		const second = b ?? snapshots[0]?.id;
		if (!first || !second) return { snapshots, pair: null };
		const one = await snapshotOf(tx, app.config.secret, site.id, actor.userId, first);
		const two = await snapshotOf(tx, app.config.secret, site.id, actor.userId, second);
		const [before, after] = one.takenAt <= two.takenAt ? [one, two] : [two, one];
		await recordActorAudit(tx, actor, {
			action: 'network.snapshot_compare',
			entityType: 'network_snapshot',
			entityId: after.id,
			details: { before: before.id, after: after.id }
		});
		return { snapshots, pair: { before, after, diff: diffSnapshots(before.items, after.items) } };
	});
}
