import { z } from 'zod';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zText } from '../validation';
import { alertFor } from '../safety/alert-access';
import { safetyAlertEvents } from '../safety/safety.schema';
import { moderationActions } from './moderation.schema';
import { setTargetHidden, targetContent } from './target-content';

export const ZHideAlertContentInput = z.object({
	alertId: z.string().max(100),
	hidden: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean()),
	reason: zText(1000)
});
export type THideAlertContentInput = z.input<typeof ZHideAlertContentInput>;

/**
 * Moderation of the content a safety alert came from, second to care and only on purpose: someone
 * who holds the alert (or is on call) hides the post or room message, or shows it again, with a
 * reason. Recorded as a moderation action and as a step of the alert, and audited.
 */
export async function hideAlertContent({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: THideAlertContentInput;
	now?: Date;
}): Promise<void> {
	const data = parseInput(ZHideAlertContentInput, input);
	await db.transaction(async (tx) => {
		const { actor, site, alert, view } = await alertFor(tx, given, data.alertId);
		if (view !== 'full') throw notFound();
		if (!alert.groupId || (alert.source !== 'board' && alert.source !== 'room'))
			throw new AppError('invalid_input', { reason: 'salert_err_no_content' });
		const target = await targetContent(
			tx,
			alert.groupId,
			alert.source === 'board' ? 'board_post' : 'chat_message',
			alert.sourceId
		);
		await setTargetHidden(tx, target, data.hidden, now);
		await tx.insert(moderationActions).values({
			siteId: site.id,
			groupId: alert.groupId,
			action: data.hidden ? 'hide' : 'restore',
			targetType: target.type,
			targetId: target.id,
			reason: data.reason,
			actorId: actor.userId,
			createdAt: now
		});
		await tx.insert(safetyAlertEvents).values({
			alertId: alert.id,
			actorId: actor.userId,
			kind: 'moderated',
			outcome: data.hidden ? 'hidden' : 'restored',
			createdAt: now
		});
		await recordActorAudit(tx, actor, {
			action: 'safety.alert_moderate',
			entityType: 'safety_alert',
			entityId: alert.id,
			details: { hidden: data.hidden, targetType: target.type }
		});
	});
}
