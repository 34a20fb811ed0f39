// Ending a running companionship before its end date: by its member, by its companion (the peer
// worker) or by the site's coordinator. Each records who ended it and a reason from a fixed list
// (never free text: the member, the companion and the coordinator all read it).
import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { companionEndReasons, companionRequests } from './companionship.schema';
import { actorWith, isOver, sideUseCase, type CompanionshipSide } from './companionship-access';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export type CompanionEndReason = (typeof companionEndReasons)[number];

/**
 * The reasons each role may give. A member does not end for "safety": a member who feels unsafe
 * is better served by telling the coordinator, who can end it for that reason and follow it up.
 */
export const endReasonsFor: Record<CompanionshipSide, readonly CompanionEndReason[]> = {
	member: ['member_choice', 'goals_met', 'peer_unavailable', 'no_contact', 'other'],
	companion: companionEndReasons,
	coordinator: companionEndReasons
};

export const ZEndCompanionshipInput = z.object({
	requestId: zId,
	reason: z.enum(companionEndReasons, 'companion_err_end_reason')
});
export type TEndCompanionshipInput = z.input<typeof ZEndCompanionshipInput>;

/**
 * Ends a running companionship early, `as` its member, its companion or the site's coordinator:
 * status ended, with when, by whom and why; audited. One that is not the actor's to end is "not
 * found"; one already over (ended, or past its end date) is refused as such.
 */
export async function endCompanionship({
	db,
	actor: given,
	as,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	as: CompanionshipSide;
	input: TEndCompanionshipInput;
	now?: Date;
}): Promise<void> {
	const { actor, site } = actorWith(given, sideUseCase[as]);
	const data = parseInput(ZEndCompanionshipInput, input);
	if (!endReasonsFor[as].includes(data.reason))
		throw new AppError('invalid_input', { reason: 'companion_err_end_reason' });
	const id = requireUuid(data.requestId);
	await db.transaction(async (tx) => {
		const [request] = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.id, id),
					eq(companionRequests.siteId, site.id),
					as === 'member' ? eq(companionRequests.memberId, actor.userId) : undefined,
					as === 'companion' ? eq(companionRequests.peerId, actor.userId) : undefined
				)
			)
			.limit(1);
		// Requests that never became a companionship are not this use case's to end.
		if (!request || (request.status !== 'active' && request.status !== 'ended')) throw notFound();
		if (isOver(request, now))
			throw new AppError('conflict', { reason: 'companion_err_already_ended' });
		// Only the first of two people ending it at the same moment succeeds.
		const [ended] = await tx
			.update(companionRequests)
			.set({ status: 'ended', endedAt: now, endedBy: actor.userId, endReason: data.reason })
			.where(
				and(
					eq(companionRequests.id, request.id),
					eq(companionRequests.status, 'active'),
					isNull(companionRequests.endedAt)
				)
			)
			.returning({ id: companionRequests.id });
		if (!ended) throw new AppError('conflict', { reason: 'companion_err_already_ended' });
		await recordActorAudit(tx, actor, {
			action: 'companionship.end',
			entityType: 'companionship',
			entityId: request.id, // The role only: the reason stays on the companionship, out of the audit trail.
			details: { by: as }
		});
	});
}
