import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { notFound } from '../errors';
import { isTimeZone } from '../i18n/time-zones';
import { parseInput } from '../validation';
import { zonedParts } from './quiet-hours';
import {
	notificationChannels,
	notificationPreferences,
	type NotificationChoice
} from './notifications.schema';

/** The kinds a person can set a channel for; a capability adds its kind here when it sends one. */
export const preferenceKinds = ['group_reminder'] as const;
export type PreferenceKind = (typeof preferenceKinds)[number];

const time = /^([01]\d|2[0-3]):[0-5]\d$/;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * The preferences form, flat as a form sends it: `pref:<kind>` = in_app | email | off for each kind,
 * quiet hours (both or neither; an end before the start wraps past midnight), a time zone, and the
 * daily digest. An unknown kind or channel is refused on its own field.
 */
export const ZSetPreferencesInput = z
	.record(z.string(), z.unknown())
	.superRefine((form, ctx) => {
		for (const [key, value] of Object.entries(form)) {
			if (!key.startsWith('pref:')) continue;
			if (!(preferenceKinds as readonly string[]).includes(key.slice(5)))
				ctx.addIssue({ code: 'custom', path: [key], message: 'notif_err_kind' });
			else if (!(notificationChannels as readonly unknown[]).includes(value))
				ctx.addIssue({ code: 'custom', path: [key], message: 'notif_err_channel' });
		}
		const start = blank(form.quietStart);
		const end = blank(form.quietEnd);
		for (const [field, v] of [
			['quietStart', start],
			['quietEnd', end]
		] as const)
			if (v !== undefined && !(typeof v === 'string' && time.test(v)))
				ctx.addIssue({ code: 'custom', path: [field], message: 'notif_err_time' });
		if ((start === undefined) !== (end === undefined))
			ctx.addIssue({
				code: 'custom',
				path: [start === undefined ? 'quietStart' : 'quietEnd'],
				message: 'notif_err_quiet_pair'
			});
		else if (start !== undefined && start === end)
			ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'notif_err_quiet_same' });
		const zone = blank(form.timeZone);
		if (zone !== undefined && !(typeof zone === 'string' && isTimeZone(zone.trim())))
			ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'err_time_zone' });
	})
	.transform((form) => {
		const channels: Record<string, NotificationChoice> = {};
		for (const kind of preferenceKinds) {
			const v = form[`pref:${kind}`];
			if (typeof v === 'string') channels[kind] = v as NotificationChoice;
		}
		const start = blank(form.quietStart);
		const zone = blank(form.timeZone);
		return {
			channels,
			quietStart: typeof start === 'string' ? start : null,
			quietEnd: typeof start === 'string' ? String(form.quietEnd) : null,
			timeZone: typeof zone === 'string' ? zone.trim() : null,
			dailyDigest: form.dailyDigest === true || form.dailyDigest === 'on'
		};
	});

export type Preferences = z.output<typeof ZSetPreferencesInput>;

const none: Preferences = {
	channels: {},
	quietStart: null,
	quietEnd: null,
	timeZone: null,
	dailyDigest: false
};

/** A person's notification preferences on a site (defaults when never set). */
export async function preferencesOf(db: Db, userId: string, siteId: string): Promise<Preferences> {
	const [row] = await db
		.select()
		.from(notificationPreferences)
		.where(
			and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.siteId, siteId))
		);
	return row
		? {
				channels: row.channels,
				quietStart: row.quietStart,
				quietEnd: row.quietEnd,
				timeZone: row.timeZone,
				dailyDigest: row.dailyDigest
			}
		: none;
}

/** The actor's own preferences on their site. */
export async function getPreferences({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<Preferences> {
	if (!actor) throw notFound();
	return preferencesOf(db, actor.userId, requireSite(actor).id);
}

/** Saves the actor's preferences on their site; bad input saves nothing. */
export async function setPreferences({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: Record<string, unknown>;
}): Promise<void> {
	if (!actor) throw notFound();
	const site = requireSite(actor);
	const p = parseInput(ZSetPreferencesInput, input);
	const values = { ...p, updatedAt: new Date() };
	await db
		.insert(notificationPreferences)
		.values({ userId: actor.userId, siteId: site.id, ...values })
		.onConflictDoUpdate({
			target: [notificationPreferences.userId, notificationPreferences.siteId],
			set: values
		});
}

/** Whether `at` falls in the person's quiet hours, on their clock (the site's if they chose none). */
export function inQuietHours(p: Preferences, at: Date, fallbackZone: string): boolean {
	if (!p.quietStart || !p.quietEnd) return false;
	const { minutes } = zonedParts(at, p.timeZone ?? fallbackZone);
	const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
	const start = toMin(p.quietStart);
	const end = toMin(p.quietEnd);
	// 22:00–07:00 wraps past midnight: quiet from the start until midnight and from midnight on.
	return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
