import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { checkinAnswers, checkinResponses } from './outcomes.schema';
import { ownCheckin } from './checkin-access';
import { requireOpen } from './save-answer';
import { scoreAnswers } from './score';
import { signalCheckinRisk } from './safety-signal';

export const ZSubmitCheckinInput = z.object({ responseId: z.string().max(100) });

/**
 * Completes the actor's open check-in: every required question must be answered; it is scored
 * and, when an answer meets an alert rule, a safety alert is raised in the same transaction.
 * Sending it twice completes it once (the second is "already done"). Audited.
 */
export async function submitCheckin({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZSubmitCheckinInput>;
	now?: Date;
}): Promise<{ alerted: boolean; total: number | null; band: string | null }> {
	return db.transaction(async (tx) => {
		const { actor: who, response, instrument } = await ownCheckin(tx, actor, input.responseId);
		// Two submits at once: the row lock makes the second see the first's "completed".
		await tx
			.select({ id: checkinResponses.id })
			.from(checkinResponses)
			.where(eq(checkinResponses.id, response.id))
			.for('update');
		const [fresh] = await tx
			.select()
			.from(checkinResponses)
			.where(eq(checkinResponses.id, response.id));
		requireOpen(fresh ?? response, now);
		const rows = await tx
			.select({ linkId: checkinAnswers.linkId, value: checkinAnswers.value })
			.from(checkinAnswers)
			.where(eq(checkinAnswers.responseId, response.id));
		const answers = new Map(
			rows.flatMap((r) => (r.value === null ? [] : [[r.linkId, r.value] as const]))
		);
		const missing = instrument.items.findIndex(
			(i) => i.required && i.kind === 'choice' && !answers.has(i.linkId)
		);
		if (missing >= 0)
			throw new AppError('invalid_input', { _: 'out_err_unanswered' }, { number: missing + 1 });
		const score = scoreAnswers(instrument.scoring, answers);
		const alerted = score.alerts.length > 0;
		await tx
			.update(checkinResponses)
			.set({
				status: 'completed',
				completedAt: now,
				total: score.total,
				band: score.band,
				subscales: score.subscales,
				alerted
			})
			.where(eq(checkinResponses.id, response.id));
		if (alerted)
			await signalCheckinRisk(tx, {
				siteId: response.siteId,
				personId: who.userId,
				responseId: response.id
			});
		await recordActorAudit(tx, who, {
			action: 'checkin.submit',
			entityType: 'checkin',
			entityId: response.id,
			details: { instrument: instrument.key, alerted }
		});
		return { alerted, total: score.total, band: score.band };
	});
}
