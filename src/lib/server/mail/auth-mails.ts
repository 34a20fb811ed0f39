import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { AuthMailer } from '../auth/auth.config';
import type { Mailer } from './mailer';
import { memberships, profiles } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import { m } from '../../paraglide/messages.js';
import { pickLocale } from '../i18n/locale';

/** The person's language and first site, so mail reads in their language and lands in that site's outbox. */
async function recipientContext(db: Db, userId: string) {
	const [row] = await db
		.select({
			locale: profiles.locale,
			siteId: sites.id,
			siteLocale: sites.defaultLocale,
			siteLocales: sites.locales
		})
		.from(memberships)
		.innerJoin(sites, eq(sites.id, memberships.siteId))
		.leftJoin(profiles, eq(profiles.userId, memberships.userId))
		.where(eq(memberships.userId, userId))
		.limit(1);
	const locale = pickLocale({
		preferred: row?.locale ?? null,
		siteDefault: row?.siteLocale ?? null,
		siteLocales: row?.siteLocales ?? null
	});
	return { locale, siteId: row?.siteId ?? null };
}

export function authMails(opts: { db: Db; mailer: Mailer; origin: string }): AuthMailer {
	return {
		verifyEmail: async (user, token) => {
			const { locale, siteId } = await recipientContext(opts.db, user.id);
			const link = `${opts.origin}/verify-email?token=${encodeURIComponent(token)}`;
			await opts.mailer.send({
				to: user.email,
				siteId,
				subject: m.mail_verify_subject({}, { locale }),
				text: m.mail_verify_body({ link }, { locale })
			});
		},
		resetPassword: async (user, token) => {
			const { locale, siteId } = await recipientContext(opts.db, user.id);
			const link = `${opts.origin}/reset-password?token=${encodeURIComponent(token)}`;
			await opts.mailer.send({
				to: user.email,
				siteId,
				subject: m.mail_reset_subject({}, { locale }),
				text: m.mail_reset_body({ link }, { locale })
			});
		}
	};
}

/** The link that lets a browser refused by the sign-in limits sign in (sign-in-throttle.ts). */
export async function mailSignInUnlock(
	opts: { db: Db; mailer: Mailer; origin: string },
	user: { id: string; email: string },
	token: string
): Promise<void> {
	const { locale, siteId } = await recipientContext(opts.db, user.id);
	const link = `${opts.origin}/signin/unlock?token=${encodeURIComponent(token)}`;
	await opts.mailer.send({
		to: user.email,
		siteId,
		subject: m.mail_unlock_subject({}, { locale }),
		text: m.mail_unlock_body({ link }, { locale })
	});
}
