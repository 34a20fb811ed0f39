import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { parseInput, zUuid } from '../validation';
import { checkinPreferences, checkinResponses } from './outcomes.schema';

export const ZAnswerModeInput = z.object({ mode: z.enum(['one', 'all'], 'err_invalid') });

/** Remembers whether the member answers one question per screen or all on one page. */
export async function setAnswerMode({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZAnswerModeInput>;
}): Promise<void> {
	requireUseCase(actor, 'outcomes.answer');
	const { mode } = parseInput(ZAnswerModeInput, input);
	const onePerScreen = mode === 'one';
	await db
		.insert(checkinPreferences)
		.values({ userId: actor.userId, onePerScreen })
		.onConflictDoUpdate({
			target: checkinPreferences.userId,
			set: { onePerScreen, updatedAt: new Date() }
		});
}

export const ZHideResultInput = z.object({
	resultId: zUuid,
	hidden: z.enum(['yes', 'no'], 'err_invalid')
});

/** Hides one of the member's results from their own view (or shows it again). Audited. */
export async function hideResult({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZHideResultInput>;
}): Promise<void> {
	requireUseCase(actor, 'outcomes.answer');
	const site = requireSite(actor);
	const { resultId, hidden } = parseInput(ZHideResultInput, input);
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(checkinResponses)
			.set({ hidden: hidden === 'yes' })
			.where(
				and(
					eq(checkinResponses.id, resultId),
					eq(checkinResponses.siteId, site.id),
					eq(checkinResponses.userId, actor.userId),
					eq(checkinResponses.status, 'completed')
				)
			)
			.returning({ id: checkinResponses.id });
		if (!row) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'checkin.hide',
			entityType: 'checkin',
			entityId: row.id,
			details: { hidden: hidden === 'yes' }
		});
	});
}
