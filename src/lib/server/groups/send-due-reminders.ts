import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import type { Mailer } from '../mail/mailer';
import { pickLocale } from '../i18n/locale';
import { tryXactLock } from '../jobs/locks';
import { m } from '../../paraglide/messages.js';
import { logDelivery, notifyInApp } from '../notifications/notify';
import { notificationPreferences } from '../notifications/notifications.schema';
import { inQuietHours } from '../notifications/preferences';
import { GROUP_REMINDER } from './reminder-notifications';
import { groupMembers, groups, groupSessions, reminderDeliveries } from './groups.schema';

/** How far ahead a session is announced. */
export const REMINDER_WINDOW_MS = 24 * 60 * 60 * 1000;
export type ReminderRun = { inApp: number; email: number; failed: number; skipped: boolean };

/**
 * For every session starting within the next 24 hours, one in-app reminder and one email per
 * member who has not turned that kind off. reminder_deliveries is unique per session, person and
 * channel, so a reminder is never sent twice, whichever instance runs and however often. Emails
 * go out after the deliveries are committed; one that fails is recorded as failed.
 */
export async function sendDueReminders({
	db,
	mail,
	now = new Date(),
	origin = ''
}: {
	db: Db;
	mail: Mailer;
	now?: Date;
	origin?: string;
}): Promise<ReminderRun> {
	type Outgoing = {
		deliveryId: string;
		userId: string;
		to: string;
		subject: string;
		text: string;
		siteId: string;
	};
	const result = await db.transaction(async (tx) => {
		// One instance sends at a time; the others skip this round.
		const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(tryXactLock('reminders')));
		if (!lock?.ok) return null;
		const due = await tx
			.select({
				sessionId: groupSessions.id,
				startsAt: groupSessions.startsAt,
				groupId: groups.id,
				groupName: groups.name,
				userId: groupMembers.userId,
				inApp: groupMembers.remindersInApp,
				email: groupMembers.remindersEmail,
				address: user.email,
				locale: profiles.locale,
				site: sites,
				// The person's choice for group reminders in their notification preferences.
				choice: sql<string | null>`${notificationPreferences.channels} ->> ${GROUP_REMINDER}`,
				quietStart: notificationPreferences.quietStart,
				quietEnd: notificationPreferences.quietEnd,
				quietZone: notificationPreferences.timeZone
			})
			.from(groupSessions)
			.innerJoin(groups, eq(groups.id, groupSessions.groupId))
			.innerJoin(sites, eq(sites.id, groups.siteId))
			.innerJoin(groupMembers, eq(groupMembers.groupId, groups.id))
			.innerJoin(user, eq(user.id, groupMembers.userId))
			.leftJoin(profiles, eq(profiles.userId, groupMembers.userId))
			.leftJoin(
				notificationPreferences,
				and(
					eq(notificationPreferences.userId, groupMembers.userId),
					eq(notificationPreferences.siteId, sites.id)
				)
			)
			.where(
				and(
					inArray(groupSessions.status, ['scheduled', 'open']),
					gt(groupSessions.startsAt, now),
					lte(groupSessions.startsAt, new Date(now.getTime() + REMINDER_WINDOW_MS)),
					eq(groupMembers.status, 'member'),
					sql`${groups.closedAt} is null`,
					sql`${user.disabledAt} is null`
				)
			);
		let inApp = 0;
		const outgoing: Outgoing[] = [];
		for (const d of due) {
			// The group's own switches, narrowed by the notification preferences (in-app only,
			// email only, or off).
			const channels = [
				...(d.inApp && d.choice !== 'email' && d.choice !== 'off' ? ['in_app' as const] : []),
				...(d.email && d.choice !== 'in_app' && d.choice !== 'off' ? ['email' as const] : [])
			];
			// In the person's quiet hours no email is written: a later round sends it once they end
			// (the delivery is recorded only when sent), while the session is still ahead.
			const quiet = inQuietHours(
				{
					channels: {},
					quietStart: d.quietStart,
					quietEnd: d.quietEnd,
					timeZone: d.quietZone,
					dailyDigest: false
				},
				now,
				d.site.timeZone
			);
			for (const channel of channels) {
				if (channel === 'email' && quiet) continue;
				const [row] = await tx
					.insert(reminderDeliveries)
					.values({
						sessionId: d.sessionId,
						userId: d.userId,
						channel,
						status: 'sent',
						sentAt: now
					})
					.onConflictDoNothing()
					.returning({ id: reminderDeliveries.id });
				if (!row) continue;
				if (channel === 'in_app') {
					inApp++;
					// The reminder in the person's notification centre, leading to the group.
					await notifyInApp(tx, {
						siteId: d.site.id,
						userId: d.userId,
						kind: GROUP_REMINDER,
						targetId: d.groupId,
						source: d.sessionId,
						params: { group: d.groupName, startsAt: d.startsAt.toISOString() },
						at: now
					});
					continue;
				}
				const locale = pickLocale({
					preferred: d.locale,
					siteDefault: d.site.defaultLocale,
					siteLocales: d.site.locales
				});
				// An email never says what it is about (a group's name can say much about a person):
				// only that there is something to see, and where (the group's page checks access).
				const link = `${origin}/groups/${d.groupId}`;
				outgoing.push({
					deliveryId: row.id,
					userId: d.userId,
					to: d.address,
					siteId: d.site.id,
					subject: m.notif_mail_subject({}, { locale }),
					text: m.notif_mail_body({ link }, { locale })
				});
			}
		}
		return { inApp, outgoing };
	});
	if (!result) return { inApp: 0, email: 0, failed: 0, skipped: true };
	let email = 0;
	let failed = 0;
	const delivered = (o: Outgoing) =>
		({ siteId: o.siteId, userId: o.userId, kind: GROUP_REMINDER, channel: 'email' }) as const;
	for (const o of result.outgoing) {
		try {
			await mail.send({ to: o.to, subject: o.subject, text: o.text, siteId: o.siteId });
			email++;
			await logDelivery(db, { ...delivered(o), outcome: 'sent' });
		} catch {
			failed++;
			await logDelivery(db, { ...delivered(o), outcome: 'failed' });
			await db
				.update(reminderDeliveries)
				.set({ status: 'failed' })
				.where(eq(reminderDeliveries.id, o.deliveryId));
		}
	}
	return { inApp: result.inApp, email, failed, skipped: false };
}
