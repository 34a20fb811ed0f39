import { z } from 'zod';
import { and, eq, ne } from 'drizzle-orm';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zOptionalText } from '../validation';
import { safetyAlertEvents, safetyAlerts } from './safety.schema';
import { alertFor } from './alert-access';
import { sealAlertNote } from './alert-text';

export const closeOutcomes = [
	'safe',
	'supported',
	'referred',
	'emergency',
	'not_reached',
	'no_concern'
] as const;

export const ZCloseAlertInput = z.object({
	alertId: z.string().max(100),
	outcome: z.enum(closeOutcomes, 'salert_err_outcome'),
	note: zOptionalText(2000)
});
export type TCloseAlertInput = z.input<typeof ZCloseAlertInput>;

/**
 * Closes an alert with its outcome (and an encrypted note), by someone who holds it or is on
 * call. Recorded and audited, without the note.
 */
export async function closeSafetyAlert({
	app,
	actor: given,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TCloseAlertInput;
	now?: Date;
}): Promise<void> {
	const data = parseInput(ZCloseAlertInput, input);
	await app.db.transaction(async (tx) => {
		const { actor, alert, view } = await alertFor(tx, given, data.alertId);
		if (view !== 'full') throw notFound();
		const closed = await tx
			.update(safetyAlerts)
			.set({
				status: 'closed',
				outcome: data.outcome,
				closedAt: now,
				closedBy: actor.userId,
				acknowledgedAt: alert.acknowledgedAt ?? now,
				acknowledgedBy: alert.acknowledgedBy ?? actor.userId
			})
			.where(and(eq(safetyAlerts.id, alert.id), ne(safetyAlerts.status, 'closed')))
			.returning({ id: safetyAlerts.id });
		if (closed.length === 0) throw new AppError('conflict', { outcome: 'salert_err_closed' });
		await tx.insert(safetyAlertEvents).values({
			alertId: alert.id,
			actorId: actor.userId,
			kind: 'closed',
			outcome: data.outcome,
			noteEncrypted: data.note ? sealAlertNote(app.config.secret, alert.id, data.note) : null,
			createdAt: now
		});
		await recordActorAudit(tx, actor, {
			action: 'safety.alert_close',
			entityType: 'safety_alert',
			entityId: alert.id,
			details: { outcome: data.outcome }
		});
	});
}
