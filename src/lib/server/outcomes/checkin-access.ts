import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { requireUuid } from '../validation';
import { checkinResponses, instruments } from './outcomes.schema';

export type CheckinResponse = typeof checkinResponses.$inferSelect;
export type InstrumentRow = typeof instruments.$inferSelect;

/**
 * The actor's own check-in (one window of one instrument) with its instrument, in one query
 * scoped to their site and to them: someone else's check-in and none at all look the same.
 */
export async function ownCheckin(
	db: Db | Tx,
	actor: Actor | null,
	responseId: string
): Promise<{ actor: Actor; response: CheckinResponse; instrument: InstrumentRow }> {
	requireUseCase(actor, 'outcomes.answer');
	const site = requireSite(actor);
	const [row] = await db
		.select({ response: checkinResponses, instrument: instruments })
		.from(checkinResponses)
		.innerJoin(instruments, eq(instruments.id, checkinResponses.instrumentId))
		.where(
			and(
				eq(checkinResponses.id, requireUuid(responseId)),
				eq(checkinResponses.siteId, site.id),
				eq(checkinResponses.userId, actor.userId)
			)
		);
	if (!row) throw notFound();
	return { actor, ...row };
}
