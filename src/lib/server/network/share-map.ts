import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { supportersOnSite } from '../goals/supporters';
import { parseInput } from '../validation';
import { networkShares } from './network.schema';

export const ZSupporterInput = z.object({
	supporterId: z.string('err_supporter').min(1, 'err_supporter').max(100, 'err_supporter')
});

/**
 * Shares the member's map with a named supporter of the site (carer, peer worker or
 * professional, as goals are shared): they may read it and suggest additions. Sharing again after
 * a revocation restores it. Audited.
 */
export async function shareMap({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZSupporterInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	const { supporterId } = parseInput(ZSupporterInput, input);
	await db.transaction(async (tx) => {
		const [supporter] = await supportersOnSite(tx, site.id, {
			exceptUserId: actor.userId,
			userIds: [supporterId]
		});
		if (!supporter) throw new AppError('invalid_input', { supporterId: 'err_supporter' });
		await tx
			.insert(networkShares)
			.values({
				siteId: site.id,
				memberId: actor.userId,
				sharedWithUserId: supporter.userId,
				createdAt: now
			})
			.onConflictDoUpdate({
				target: [networkShares.memberId, networkShares.sharedWithUserId],
				set: { revokedAt: null, createdAt: now }
			});
		await recordActorAudit(tx, actor, {
			action: 'network.share',
			entityType: 'network_map',
			entityId: actor.userId,
			details: { supporterId: supporter.userId }
		});
	});
}

/** Ends a supporter's view of the member's map at once; their pending suggestions stay for the member. Audited. */
export async function revokeMapShare({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZSupporterInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	const { supporterId } = parseInput(ZSupporterInput, input);
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(networkShares)
			.set({ revokedAt: now })
			.where(
				and(
					eq(networkShares.siteId, site.id),
					eq(networkShares.memberId, actor.userId),
					eq(networkShares.sharedWithUserId, supporterId)
				)
			)
			.returning({ id: networkShares.id });
		if (!row) throw new AppError('invalid_input', { supporterId: 'err_supporter' });
		await recordActorAudit(tx, actor, {
			action: 'network.share_revoke',
			entityType: 'network_map',
			entityId: actor.userId,
			details: { supporterId }
		});
	});
}
