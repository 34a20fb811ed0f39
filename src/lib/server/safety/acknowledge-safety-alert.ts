import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { recordActorAudit } from '../audit/record-audit';
import { safetyAlertEvents, safetyAlerts, type SafetyAlert } from './safety.schema';
import { alertFor } from './alert-access';

/** Marks an open alert acknowledged by the actor, inside `tx`; false if it was not open. */
export async function markAcknowledged(
	tx: Tx,
	actor: Actor,
	alert: SafetyAlert,
	now: Date
): Promise<boolean> {
	if (alert.status !== 'open') return false;
	const done = await tx
		.update(safetyAlerts)
		.set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.userId })
		.where(and(eq(safetyAlerts.id, alert.id), eq(safetyAlerts.status, 'open')))
		.returning({ id: safetyAlerts.id });
	if (done.length === 0) return false;
	await tx
		.insert(safetyAlertEvents)
		.values({ alertId: alert.id, actorId: actor.userId, kind: 'acknowledged', createdAt: now });
	await recordActorAudit(tx, actor, {
		action: 'safety.alert_acknowledge',
		entityType: 'safety_alert',
		entityId: alert.id
	});
	return true;
}

/**
 * Someone who holds the alert (or is on call) says "I have this": the alert stops escalating.
 * Recorded and audited; an alert acknowledged already or closed is refused on the form.
 */
export async function acknowledgeSafetyAlert({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: { alertId: string };
	now?: Date;
}): Promise<void> {
	await db.transaction(async (tx) => {
		const { actor, alert, view } = await alertFor(tx, given, input.alertId);
		if (view !== 'full') throw notFound();
		if (!(await markAcknowledged(tx, actor, alert, now)))
			throw new AppError('conflict', { alert: 'salert_err_not_open' });
	});
}
