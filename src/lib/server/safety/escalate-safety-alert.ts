import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/record-audit';
import { notifyInApp } from '../notifications/notify';
import { enqueueJob } from '../scheduler/scheduler';
import { safetyAlertEvents, safetyAlerts } from './safety.schema';
import { addHolders, onCallOf, siteAdminsOf } from './alert-people';
import { SAFETY_ALERT, SAFETY_EMAIL_JOB } from './alert-kinds';

/**
 * The scheduler's work at an alert's due time: an alert nobody has acknowledged goes to the site's
 * on-call list and its admins (urgent, in-app and by email). An alert acknowledged or closed in
 * time, or escalated already, is left alone, so running it twice changes nothing.
 */
export async function escalateSafetyAlert({
	db,
	alertId,
	now = new Date()
}: {
	db: Db;
	alertId: string;
	now?: Date;
}): Promise<{ escalated: boolean; notified: number }> {
	return db.transaction(async (tx) => {
		const [alert] = await tx
			.select()
			.from(safetyAlerts)
			.where(eq(safetyAlerts.id, alertId))
			.for('update');
		if (!alert || alert.status !== 'open' || alert.escalationLevel > 0)
			return { escalated: false, notified: 0 };
		const holders = [
			...(await onCallOf(tx, alert.siteId)).map((userId) => ({ userId, why: 'on_call' as const })),
			...(await siteAdminsOf(tx, alert.siteId)).map((userId) => ({
				userId,
				why: 'site_admin' as const
			}))
		].filter((h) => h.userId !== alert.personId);
		const added = await addHolders(tx, alert.id, holders, 1, now);
		await tx
			.update(safetyAlerts)
			.set({ escalationLevel: 1 })
			.where(and(eq(safetyAlerts.id, alert.id), eq(safetyAlerts.status, 'open')));
		await tx
			.insert(safetyAlertEvents)
			.values({ alertId: alert.id, actorId: null, kind: 'escalated', createdAt: now });
		await recordAudit(tx, {
			actorUserId: null,
			actingRole: null,
			siteId: alert.siteId,
			action: 'safety.alert_escalate',
			entityType: 'safety_alert',
			entityId: alert.id,
			outcome: 'success',
			ip: null,
			details: { level: 1, holders: added.length }
		});
		for (const userId of added)
			await notifyInApp(tx, {
				siteId: alert.siteId,
				userId,
				kind: SAFETY_ALERT,
				targetId: alert.id,
				source: `${alert.id}:1`,
				at: now
			});
		await enqueueJob(tx, {
			kind: SAFETY_EMAIL_JOB,
			key: `${alert.id}:1`,
			runAt: now,
			siteId: alert.siteId,
			payload: { alertId: alert.id, level: 1 }
		});
		return { escalated: true, notified: added.length };
	});
}
