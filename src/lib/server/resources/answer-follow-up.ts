import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { followUpAnswers, resourcePicks, type FollowUpAnswer } from './resources.schema';
import { settingsOf } from './directory';
import { followUpAt, scheduleFollowUp } from './picks';

export const ZAnswerFollowUpInput = z.object({
	pickId: zId,
	answer: z.enum(followUpAnswers, 'err_invalid')
});

/** Answers that end the pick: it did not suit, so its place among the three is free again. */
const ends: ReadonlySet<FollowUpAnswer> = new Set(['went_not_for_me', 'try_else']);

/**
 * Records the member's one-tap answer to a pick's follow-up (engagement; audited with the answer).
 * "Not yet" asks again after the site's number of days; "not for me" and "something else" free
 * the pick's place. Any answer may be given before the follow-up comes, or changed later.
 */
export async function answerFollowUp({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZAnswerFollowUpInput>;
	now?: Date;
}): Promise<{ answer: FollowUpAnswer }> {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const parsed = parseInput(ZAnswerFollowUpInput, input);
	const id = requireUuid(parsed.pickId);
	const { answer } = parsed;
	return db.transaction(async (tx) => {
		const { followUpDays } = await settingsOf(tx, site.id);
		const again = answer === 'not_yet' ? followUpAt(now, followUpDays, site) : undefined;
		const [pick] = await tx
			.update(resourcePicks)
			.set({
				answer,
				answeredAt: now,
				...(again ? { followUpAt: again, followUpSentAt: null } : {}),
				...(ends.has(answer) ? { status: 'removed' as const } : {})
			})
			.where(
				and(
					eq(resourcePicks.id, id),
					eq(resourcePicks.siteId, site.id),
					eq(resourcePicks.userId, actor.userId),
					eq(resourcePicks.status, 'active')
				)
			)
			.returning();
		if (!pick) throw notFound();
		if (again) await scheduleFollowUp(tx, pick);
		await recordActorAudit(tx, actor, {
			action: 'resource_pick.answer',
			entityType: 'resource_pick',
			entityId: id,
			details: { answer }
		});
		return { answer };
	});
}
