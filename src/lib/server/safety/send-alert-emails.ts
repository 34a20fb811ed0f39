import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import type { Mailer } from '../mail/mailer';
import { pickLocale } from '../i18n/locale';
import { m } from '../../paraglide/messages.js';
import { logDelivery } from '../notifications/notify';
import { safetyAlertPeople, safetyAlerts } from './safety.schema';
import { SAFETY_ALERT } from './alert-kinds';

/**
 * Emails the holders added at one level of an alert that is still not closed. Urgent: sent
 * whatever their quiet hours. The email says only that something urgent waits and where; never
 * who, which group or what was written. A failed email is logged as failed, not retried, so a
 * retried job never sends anyone a second copy of one that went.
 */
export async function sendAlertEmails({
	db,
	mail,
	origin,
	alertId,
	level
}: {
	db: Db;
	mail: Mailer;
	origin: string;
	alertId: string;
	level: number;
}): Promise<{ sent: number; failed: number }> {
	const rows = await db
		.select({
			userId: user.id,
			to: user.email,
			disabledAt: user.disabledAt,
			locale: profiles.locale,
			status: safetyAlerts.status,
			site: sites
		})
		.from(safetyAlertPeople)
		.innerJoin(safetyAlerts, eq(safetyAlerts.id, safetyAlertPeople.alertId))
		.innerJoin(sites, eq(sites.id, safetyAlerts.siteId))
		.innerJoin(user, eq(user.id, safetyAlertPeople.userId))
		.leftJoin(profiles, eq(profiles.userId, safetyAlertPeople.userId))
		.where(and(eq(safetyAlertPeople.alertId, alertId), eq(safetyAlertPeople.level, level)));
	let sent = 0;
	let failed = 0;
	for (const r of rows) {
		if (r.status === 'closed' || r.disabledAt) continue;
		const locale = pickLocale({
			preferred: r.locale,
			siteDefault: r.site.defaultLocale,
			siteLocales: r.site.locales
		});
		const log = {
			siteId: r.site.id,
			userId: r.userId,
			kind: SAFETY_ALERT,
			channel: 'email'
		} as const;
		try {
			await mail.send({
				to: r.to,
				siteId: r.site.id,
				subject: m.salert_mail_subject({}, { locale }),
				text: m.salert_mail_body({ link: `${origin}/safety/alerts/${alertId}` }, { locale })
			});
			sent++;
			await logDelivery(db, { ...log, outcome: 'sent' });
		} catch {
			failed++;
			await logDelivery(db, { ...log, outcome: 'failed' });
		}
	}
	return { sent, failed };
}
