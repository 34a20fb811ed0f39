import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Mailer } from '../mail/mailer';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import { pickLocale } from '../i18n/locale';
import { m } from '../../paraglide/messages.js';
import { logDelivery } from './notify';
import { inQuietHours } from './preferences';
import { visibleNotifications } from './list-notifications';
import { recipientActor } from './recipient-actor';
import { zonedParts } from './quiet-hours';
import { deliveryLog, notificationPreferences, notifications } from './notifications.schema';

export const DIGEST = 'digest';
const DAY_MS = 24 * 3600_000;
/** The digest goes out from 08:00 on the person's clock, once their quiet hours are over. */
const DIGEST_HOUR = 8;

/**
 * One email a day to each person who asked for the daily digest and has unread notifications
 * from the last day that the centre would list (visibleNotifications): it says only that there
 * is something new and links to the centre. Run hourly by the scheduler; a digest already sent in the last 20 hours (delivery log) is not sent
 * again, so a round run twice sends nobody two.
 */
export async function sendDigests({
	db,
	mail,
	origin = '',
	now = new Date()
}: {
	db: Db;
	mail: Mailer;
	origin?: string;
	now?: Date;
}): Promise<{ sent: number }> {
	const wanting = await db
		.select({
			prefs: notificationPreferences,
			address: user.email,
			name: user.name,
			isPlatformAdmin: user.isPlatformAdmin,
			twoFactorEnabled: user.twoFactorEnabled,
			locale: profiles.locale,
			profileZone: profiles.timeZone,
			site: sites
		})
		.from(notificationPreferences)
		.innerJoin(user, eq(user.id, notificationPreferences.userId))
		.innerJoin(sites, eq(sites.id, notificationPreferences.siteId))
		.leftJoin(profiles, eq(profiles.userId, notificationPreferences.userId))
		.where(and(eq(notificationPreferences.dailyDigest, true), sql`${user.disabledAt} is null`));
	let sent = 0;
	for (const w of wanting) {
		const { prefs } = w;
		const zone = prefs.timeZone ?? w.profileZone ?? w.site.timeZone ?? 'UTC';
		if (zonedParts(now, zone).minutes < DIGEST_HOUR * 60) continue;
		if (inQuietHours({ ...prefs, channels: prefs.channels }, now, zone)) continue;
		const since = new Date(now.getTime() - DAY_MS);
		const recent = await db
			.select()
			.from(notifications)
			.where(
				and(
					eq(notifications.userId, prefs.userId),
					eq(notifications.siteId, prefs.siteId),
					isNull(notifications.readAt),
					gt(notifications.createdAt, since)
				)
			)
			.orderBy(desc(notifications.createdAt))
			.limit(99);
		if (recent.length === 0) continue;
		// Only what the centre would list: a reminder of a group they were removed from is no news.
		const actor = await recipientActor(
			db,
			{
				userId: prefs.userId,
				email: w.address,
				name: w.name,
				isPlatformAdmin: w.isPlatformAdmin === true,
				twoFactorEnabled: w.twoFactorEnabled === true
			},
			w.site
		);
		if ((await visibleNotifications(db, actor, recent)).length === 0) continue;
		const [already] = await db
			.select({ id: deliveryLog.id })
			.from(deliveryLog)
			.where(
				and(
					eq(deliveryLog.userId, prefs.userId),
					eq(deliveryLog.siteId, prefs.siteId),
					eq(deliveryLog.kind, DIGEST),
					gt(deliveryLog.at, new Date(now.getTime() - 20 * 3600_000))
				)
			)
			.limit(1);
		if (already) continue;
		const locale = pickLocale({
			preferred: w.locale,
			siteDefault: w.site.defaultLocale,
			siteLocales: w.site.locales
		});
		const entry = {
			siteId: prefs.siteId,
			userId: prefs.userId,
			kind: DIGEST,
			channel: 'email'
		} as const;
		try {
			await mail.send({
				to: w.address,
				siteId: prefs.siteId,
				subject: m.notif_mail_subject({}, { locale }),
				text: m.notif_mail_body({ link: `${origin}/notifications` }, { locale })
			});
			await logDelivery(db, { ...entry, outcome: 'sent' });
			sent++;
		} catch {
			await logDelivery(db, { ...entry, outcome: 'failed' });
		}
	}
	return { sent };
}
