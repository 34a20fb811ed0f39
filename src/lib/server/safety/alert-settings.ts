// Site admins name the site's on-call list (staff who receive alerts nobody else holds, and every
// escalation) and how long an alert may wait for acknowledgement before it escalates.
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { sitePeople, type Person } from '../people/names';
import { parseInput } from '../validation';
import { safetyOnCall, safetySettings } from './safety.schema';
import { DEFAULT_ACK_MINUTES } from './alert-people';

/** Staff who can be on call: anyone who works with people on the site. */
const onCallRoles = ['peer_worker', 'professional', 'moderator', 'site_admin'] as const;

export type AlertSettings = { ackMinutes: number; staff: (Person & { onCall: boolean })[] };

function requireSettings(given: Actor | null) {
	requireUseCase(given, 'site.settings');
	return { actor: given, site: requireSite(given) };
}

/** The on-call list (as ticks on the site's staff) and the acknowledgement time. */
export async function getAlertSettings({
	db,
	actor: given
}: {
	db: Db;
	actor: Actor | null;
}): Promise<AlertSettings> {
	const { site } = requireSettings(given);
	const [settings] = await db
		.select()
		.from(safetySettings)
		.where(eq(safetySettings.siteId, site.id));
	const onCall = new Set(
		(
			await db
				.select({ userId: safetyOnCall.userId })
				.from(safetyOnCall)
				.where(eq(safetyOnCall.siteId, site.id))
		).map((r) => r.userId)
	);
	const staff = await sitePeople(db, site.id, onCallRoles);
	return {
		ackMinutes: settings?.ackMinutes ?? DEFAULT_ACK_MINUTES,
		staff: staff.map((p) => ({ ...p, onCall: onCall.has(p.userId) }))
	};
}

export const ZSetAlertSettingsInput = z.object({
	ackMinutes: z.coerce
		.number('salert_err_minutes')
		.int('salert_err_minutes')
		.min(5, 'salert_err_minutes')
		.max(1440, 'salert_err_minutes'),
	onCall: z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(z.string().max(100)).max(500)
	)
});
export type TSetAlertSettingsInput = z.input<typeof ZSetAlertSettingsInput>;

/** Saves the on-call list (only the site's staff can be on it) and the acknowledgement time. */
export async function setAlertSettings({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TSetAlertSettingsInput;
	now?: Date;
}): Promise<void> {
	const { actor, site } = requireSettings(given);
	const data = parseInput(ZSetAlertSettingsInput, input);
	await db.transaction(async (tx) => {
		const wanted = [...new Set(data.onCall)];
		const staff = await sitePeople(tx, site.id, onCallRoles, wanted);
		if (staff.length !== wanted.length)
			throw new AppError('invalid_input', { onCall: 'salert_err_on_call' });
		await tx.delete(safetyOnCall).where(eq(safetyOnCall.siteId, site.id));
		if (wanted.length > 0)
			await tx
				.insert(safetyOnCall)
				.values(
					wanted.map((userId) => ({ siteId: site.id, userId, addedBy: actor.userId, addedAt: now }))
				);
		await tx
			.insert(safetySettings)
			.values({ siteId: site.id, ackMinutes: data.ackMinutes, updatedAt: now })
			.onConflictDoUpdate({
				target: safetySettings.siteId,
				set: { ackMinutes: data.ackMinutes, updatedAt: now }
			});
		await recordActorAudit(tx, actor, {
			action: 'safety.on_call_set',
			entityType: 'site',
			entityId: site.id,
			details: { count: wanted.length, ackMinutes: data.ackMinutes }
		});
	});
}
