import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import { groupMembers, groups } from '../groups/groups.schema';
import type { Mailer } from '../mail/mailer';
import { pickLocale } from '../i18n/locale';
import { m } from '../../paraglide/messages.js';
import { logDelivery, notifyInApp } from '../notifications/notify';
import { inQuietHours, preferencesOf } from '../notifications/preferences';
import { checkinResponses, checkinSchedules, instruments } from './outcomes.schema';
import { openWindow } from './windows';

/** The notification centre's kind for "a check-in is open for you". */
export const CHECKIN_DUE = 'checkin_due';

export type WindowRun = { opened: number; missed: number; emailed: number };

/**
 * One round of the check-in schedules (a scheduler job, never a loop of its own): opens the
 * window due now for every member of every scheduled group (once: a window is unique per person,
 * instrument and key), tells them in-app, emails them outside their quiet hours (once), and
 * records every open window whose time ran out as missed.
 */
export async function runCheckinWindows({
	db,
	mail,
	origin,
	now = new Date()
}: {
	db: Db;
	mail: Mailer;
	origin: string;
	now?: Date;
}): Promise<WindowRun> {
	const rows = await db
		.select({
			schedule: checkinSchedules,
			userId: groupMembers.userId,
			joinedAt: groupMembers.createdAt,
			timeZone: sites.timeZone
		})
		.from(checkinSchedules)
		.innerJoin(instruments, eq(instruments.id, checkinSchedules.instrumentId))
		.innerJoin(groups, eq(groups.id, checkinSchedules.groupId))
		.innerJoin(groupMembers, eq(groupMembers.groupId, groups.id))
		.innerJoin(sites, eq(sites.id, checkinSchedules.siteId))
		.where(
			and(
				isNull(checkinSchedules.endedAt),
				isNull(groups.closedAt),
				eq(groupMembers.status, 'member'),
				eq(instruments.status, 'published')
			)
		);
	let opened = 0;
	for (const { schedule, userId, joinedAt, timeZone } of rows) {
		const w = openWindow(schedule, joinedAt, now, timeZone);
		if (!w) continue;
		await db.transaction(async (tx) => {
			const [row] = await tx
				.insert(checkinResponses)
				.values({
					siteId: schedule.siteId,
					userId,
					instrumentId: schedule.instrumentId,
					scheduleId: schedule.id,
					windowKey: w.key,
					opensAt: w.opensAt,
					closesAt: w.closesAt
				})
				.onConflictDoNothing()
				.returning({ id: checkinResponses.id });
			if (!row) return;
			opened++;
			await notifyInApp(tx, {
				siteId: schedule.siteId,
				userId,
				kind: CHECKIN_DUE,
				targetId: row.id,
				source: row.id,
				params: { closesAt: w.closesAt.toISOString() },
				at: now
			});
		});
	}
	const emailed = await emailReminders({ db, mail, origin, now });
	const missed = await db
		.update(checkinResponses)
		.set({ status: 'missed' })
		.where(and(eq(checkinResponses.status, 'open'), lte(checkinResponses.closesAt, now)))
		.returning({ id: checkinResponses.id });
	return { opened, missed: missed.length, emailed };
}

/** One email per open window, sent outside the person's quiet hours; never says what it is about. */
async function emailReminders({
	db,
	mail,
	origin,
	now
}: {
	db: Db;
	mail: Mailer;
	origin: string;
	now: Date;
}): Promise<number> {
	const waiting = await db
		.select({
			id: checkinResponses.id,
			siteId: checkinResponses.siteId,
			userId: checkinResponses.userId,
			address: user.email,
			locale: profiles.locale,
			site: sites
		})
		.from(checkinResponses)
		.innerJoin(user, eq(user.id, checkinResponses.userId))
		.innerJoin(sites, eq(sites.id, checkinResponses.siteId))
		.leftJoin(profiles, eq(profiles.userId, checkinResponses.userId))
		.where(
			and(
				eq(checkinResponses.status, 'open'),
				isNull(checkinResponses.emailedAt),
				sql`${checkinResponses.closesAt} > ${now}`,
				sql`${user.disabledAt} is null`
			)
		)
		.limit(500);
	let sent = 0;
	for (const w of waiting) {
		const prefs = await preferencesOf(db, w.userId, w.siteId);
		const choice = (prefs.channels as Record<string, string | undefined>)[CHECKIN_DUE];
		if (choice === 'off' || choice === 'in_app') continue;
		if (inQuietHours(prefs, now, w.site.timeZone)) continue;
		// Claim it first: a second instance running the same round finds it taken.
		const [claimed] = await db
			.update(checkinResponses)
			.set({ emailedAt: now })
			.where(and(eq(checkinResponses.id, w.id), isNull(checkinResponses.emailedAt)))
			.returning({ id: checkinResponses.id });
		if (!claimed) continue;
		const locale = pickLocale({
			preferred: w.locale,
			siteDefault: w.site.defaultLocale,
			siteLocales: w.site.locales
		});
		const delivered = {
			siteId: w.siteId,
			userId: w.userId,
			kind: CHECKIN_DUE,
			channel: 'email'
		} as const;
		try {
			await mail.send({
				to: w.address,
				subject: m.notif_mail_subject({}, { locale }),
				text: m.notif_mail_body({ link: `${origin}/checkins/${w.id}` }, { locale }),
				siteId: w.siteId
			});
			sent++;
			await logDelivery(db, { ...delivered, outcome: 'sent' });
		} catch {
			await logDelivery(db, { ...delivered, outcome: 'failed' });
		}
	}
	return sent;
}
