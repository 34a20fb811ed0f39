import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { recordAudit } from '../audit/record-audit';
import { notifyInApp } from '../notifications/notify';
import { enqueueJob } from '../scheduler/scheduler';
import { safetyAlertEvents, safetyAlerts } from './safety.schema';
import { ackMinutesOf, addHolders, firstHolders } from './alert-people';
import { SAFETY_ALERT, SAFETY_EMAIL_JOB, SAFETY_ESCALATE_JOB } from './alert-kinds';

export type SafetySource = 'board' | 'room' | 'checkin' | 'message';
export type SafetyReason = 'risk_phrase' | 'answer_rule';

export type RaiseSafetyAlertInput = {
	siteId: string;
	/** Who the alert is about: the writer of the post or message, the member who answered. */
	personId: string;
	source: SafetySource;
	sourceId: string;
	groupId?: string | null;
	reason: SafetyReason;
};

/**
 * Raises one safety alert for a risk signal, inside the caller's transaction (the signal and its
 * alert commit together): the people responsible get an urgent in-app notification at once and an
 * email (through the scheduler, so it survives a restart), and the alert escalates if nobody
 * acknowledges it in the site's time. Once per source: raising it again answers the same alert.
 * Audited as the person's own step (the alert is part of what they wrote or answered).
 */
export async function raiseSafetyAlert(
	tx: Tx,
	input: RaiseSafetyAlertInput,
	{ now = new Date() }: { now?: Date } = {}
): Promise<{ alertId: string }> {
	const groupId = input.groupId ?? null;
	const [earlier] = await tx
		.select({ id: safetyAlerts.id })
		.from(safetyAlerts)
		.where(
			and(
				eq(safetyAlerts.siteId, input.siteId),
				eq(safetyAlerts.source, input.source),
				eq(safetyAlerts.sourceId, input.sourceId)
			)
		);
	if (earlier) return { alertId: earlier.id };
	const minutes = await ackMinutesOf(tx, input.siteId);
	const dueBy = new Date(now.getTime() + minutes * 60_000);
	const [alert] = await tx
		.insert(safetyAlerts)
		.values({
			siteId: input.siteId,
			personId: input.personId,
			source: input.source,
			sourceId: input.sourceId,
			groupId,
			reason: input.reason,
			dueBy,
			createdAt: now
		})
		.returning({ id: safetyAlerts.id });
	if (!alert) throw new Error('safety alert not inserted');
	const holders = await firstHolders(tx, { ...input, groupId });
	const notified = await addHolders(tx, alert.id, holders, 0, now);
	await tx
		.insert(safetyAlertEvents)
		.values({ alertId: alert.id, actorId: null, kind: 'raised', createdAt: now });
	await recordAudit(tx, {
		actorUserId: input.personId,
		actingRole: null,
		siteId: input.siteId,
		action: 'safety.alert_raise',
		entityType: 'safety_alert',
		entityId: alert.id,
		outcome: 'success',
		ip: null,
		details: { source: input.source, reason: input.reason, groupId, holders: notified.length }
	});
	for (const userId of notified)
		await notifyInApp(tx, {
			siteId: input.siteId,
			userId,
			kind: SAFETY_ALERT,
			targetId: alert.id,
			source: `${alert.id}:0`,
			at: now
		});
	await enqueueJob(tx, {
		kind: SAFETY_EMAIL_JOB,
		key: `${alert.id}:0`,
		runAt: now,
		siteId: input.siteId,
		payload: { alertId: alert.id, level: 0 }
	});
	await enqueueJob(tx, {
		kind: SAFETY_ESCALATE_JOB,
		key: alert.id,
		runAt: dueBy,
		siteId: input.siteId,
		payload: { alertId: alert.id }
	});
	return { alertId: alert.id };
}
