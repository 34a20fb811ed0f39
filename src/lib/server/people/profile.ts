import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import type { AuditAction } from '../audit/actions';
import { recordActorAudit } from '../audit/record-audit';
import { profiles, textSizes, type Profile } from './people.schema';
import { isLocale } from '../../paraglide/runtime.js';
import { isTimeZone } from '../i18n/time-zones';
import { zLine } from '../validation';

/** A lone surrogate would be stored as U+FFFD: refuse it rather than save something else. */
const wellFormed = (s: string) => s.isWellFormed();

export const ZProfileInput = z.object({
	displayName: zLine(80),
	pseudonym: z
		.string()
		.optional()
		.transform((s) => s?.normalize('NFC').trim() ?? '')
		.pipe(
			z
				.string()
				.max(40, 'err_too_long')
				.refine((s) => !/[\u0000-\u001F\u007F]/.test(s), 'err_invalid_characters')
				.refine(wellFormed, 'err_invalid_characters')
		),
	// A form sends '' for "site default"; any other value must be a language Kith has.
	locale: z
		.string('err_locale')
		.optional()
		.transform((s) => s ?? '')
		.refine((s) => s === '' || isLocale(s), 'err_locale'),
	timeZone: z
		.string()
		.optional()
		.transform((s) => s?.trim() ?? '')
		.refine((s) => s === '' || isTimeZone(s), 'err_time_zone'),
	textSize: z.enum(textSizes, 'err_invalid').default('normal'),
	reducedMotion: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	highContrast: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});
export type TProfileInput = z.infer<typeof ZProfileInput>;

const audit = (tx: Tx, actor: Actor, action: AuditAction) =>
	recordActorAudit(tx, actor, { action, entityType: 'profile', entityId: actor.userId });

/** The person's own profile; reading it is audited like any personal data. */
export async function getOwnProfile({ db, actor }: { db: Db; actor: Actor }): Promise<Profile> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(profiles)
			.where(eq(profiles.userId, actor.userId))
			.limit(1);
		await audit(tx, actor, 'profile.read');
		return (
			row ?? {
				userId: actor.userId,
				displayName: actor.name,
				pseudonym: null,
				locale: null,
				timeZone: null,
				textSize: 'normal',
				reducedMotion: false,
				highContrast: false,
				welcomedAt: null,
				updatedAt: new Date()
			}
		);
	});
}

/** Saves the person's own profile. */
export async function updateOwnProfile({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor;
	input: TProfileInput;
}): Promise<void> {
	const values = {
		displayName: input.displayName,
		pseudonym: input.pseudonym || null,
		locale: input.locale || null,
		timeZone: input.timeZone || null,
		textSize: input.textSize,
		reducedMotion: input.reducedMotion,
		highContrast: input.highContrast,
		updatedAt: new Date()
	};
	await db.transaction(async (tx) => {
		await tx
			.insert(profiles)
			.values({ userId: actor.userId, ...values })
			.onConflictDoUpdate({ target: profiles.userId, set: values });
		await audit(tx, actor, 'profile.update');
	});
}

/** Remembers the language the person chose from the language menu. */
export async function setOwnLocale({
	db,
	actor,
	locale
}: {
	db: Db;
	actor: Actor;
	locale: string;
}): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.insert(profiles)
			.values({ userId: actor.userId, displayName: actor.name, locale })
			.onConflictDoUpdate({ target: profiles.userId, set: { locale, updatedAt: new Date() } });
		await audit(tx, actor, 'profile.update');
	});
}
