import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { resourcePicks } from './resources.schema';

export const ZRemovePickInput = z.object({ pickId: zId });

/** The member no longer wants to try a pick; its follow-up will not come. Audited. */
export async function removePick({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZRemovePickInput>;
}): Promise<void> {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const id = requireUuid(parseInput(ZRemovePickInput, input).pickId);
	await db.transaction(async (tx) => {
		const done = await tx
			.update(resourcePicks)
			.set({ status: 'removed' })
			.where(
				and(
					eq(resourcePicks.id, id),
					eq(resourcePicks.siteId, site.id),
					eq(resourcePicks.userId, actor.userId),
					eq(resourcePicks.status, 'active')
				)
			)
			.returning({ id: resourcePicks.id });
		if (done.length === 0) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'resource_pick.remove',
			entityType: 'resource_pick',
			entityId: id
		});
	});
}
