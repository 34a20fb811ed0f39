import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError, notFound } from '../errors';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { recordXactLock } from '../jobs/locks';
import { resourcePicks } from './resources.schema';
import { resourceOf, settingsOf } from './directory';
import { followUpAt, MAX_PICKS, scheduleFollowUp } from './picks';

export const ZPickResourceInput = z.object({ resourceId: zId });

/**
 * The member picks a resource of their site to try (at most three at a time) and a gentle
 * follow-up is scheduled (the site's number of days later); audited. Returns the pick's id.
 */
export async function pickResource({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZPickResourceInput>;
	now?: Date;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const resourceId = requireUuid(parseInput(ZPickResourceInput, input).resourceId);
	return db.transaction(async (tx) => {
		// Two picks sent at once must not make four.
		await tx.execute(recordXactLock('resourcePicks', actor.userId));
		if (!(await resourceOf(tx, site.id, resourceId))) throw notFound();
		const mine = and(eq(resourcePicks.siteId, site.id), eq(resourcePicks.userId, actor.userId));
		const [already] = await tx
			.select({ id: resourcePicks.id, status: resourcePicks.status })
			.from(resourcePicks)
			.where(and(mine, eq(resourcePicks.resourceId, resourceId)));
		if (already?.status === 'active') return { id: already.id };
		const [active] = await tx
			.select({ n: count() })
			.from(resourcePicks)
			.where(and(mine, eq(resourcePicks.status, 'active')));
		if ((active?.n ?? 0) >= MAX_PICKS) throw new AppError('conflict', { _: 'res_err_three_picks' });
		const { followUpDays } = await settingsOf(tx, site.id);
		const values = {
			status: 'active' as const,
			pickedAt: now,
			followUpAt: followUpAt(now, followUpDays, site),
			followUpSentAt: null,
			answer: null,
			answeredAt: null
		};
		const [pick] = await tx
			.insert(resourcePicks)
			.values({ siteId: site.id, userId: actor.userId, resourceId, ...values })
			.onConflictDoUpdate({
				target: [resourcePicks.siteId, resourcePicks.userId, resourcePicks.resourceId],
				set: values
			})
			.returning();
		if (!pick) throw new Error('pick upsert returned nothing');
		await scheduleFollowUp(tx, pick);
		await recordActorAudit(tx, actor, {
			action: 'resource_pick.create',
			entityType: 'resource_pick',
			entityId: pick.id
		});
		return { id: pick.id };
	});
}
