// Supervision and intervision: peer workers log the sessions that support them (UPSIDES); the
// coordinator sees totals per peer worker. Both are audited.
import { z } from 'zod';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { supervisionKinds, supervisionLogs, type SupervisionKind } from './companionship.schema';
import { actorWith, zContactDay, zMinutes } from './companionship-access';
import { addMonths, dayOf } from '../dates/calendar';
import { parseInput, zOptionalText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export type SupervisionTotals = Record<SupervisionKind, { sessions: number; minutes: number }>;

export const emptyTotals = (): SupervisionTotals => ({
	supervision: { sessions: 0, minutes: 0 },
	intervision: { sessions: 0, minutes: 0 }
});

/** The first day of the three months the totals cover, in the site's time zone. */
export const windowStart = (now: Date, timeZone: string): string =>
	dayOf(addMonths(now, -3), timeZone);

export const ZLogSupervisionInput = z.object({
	kind: z.enum(supervisionKinds, 'err_invalid'),
	date: zContactDay,
	minutes: zMinutes,
	withWhom: z.string('err_required').trim().min(1, 'err_required').max(120, 'err_too_long'),
	topics: zOptionalText(2000)
});
export type TLogSupervisionInput = z.input<typeof ZLogSupervisionInput>;

/** A peer worker logs a supervision or intervision session they took part in (not a future one). */
export async function logSupervision({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TLogSupervisionInput;
	now?: Date;
}): Promise<{ id: string }> {
	const { actor, site } = actorWith(given, 'companionship.companion');
	const data = parseInput(ZLogSupervisionInput, input);
	if (data.date > dayOf(now, site.timeZone))
		throw new AppError('invalid_input', { date: 'companion_err_future' });
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(supervisionLogs)
			.values({
				siteId: site.id,
				peerId: actor.userId,
				kind: data.kind,
				date: data.date,
				minutes: data.minutes,
				withWhom: data.withWhom,
				topics: data.topics ?? null
			})
			.returning({ id: supervisionLogs.id });
		if (!row) throw new Error('insert returned no row');
		await recordActorAudit(tx, actor, {
			action: 'supervision_log.create',
			entityType: 'supervision_log',
			entityId: row.id,
			details: { kind: data.kind, minutes: data.minutes }
		});
		return row;
	});
}

export type SupervisionEntry = {
	id: string;
	kind: SupervisionKind;
	date: string;
	minutes: number;
	withWhom: string;
	topics: string;
};

/** The peer worker's own log of the last three months and its totals; audited as a read. */
export async function getOwnSupervision({
	db,
	actor: given,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<{ since: string; entries: SupervisionEntry[]; totals: SupervisionTotals }> {
	const { actor, site } = actorWith(given, 'companionship.companion');
	const since = windowStart(now, site.timeZone);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(supervisionLogs)
			.where(
				and(
					eq(supervisionLogs.siteId, site.id),
					eq(supervisionLogs.peerId, actor.userId),
					gte(supervisionLogs.date, since)
				)
			)
			.orderBy(desc(supervisionLogs.date), desc(supervisionLogs.createdAt));
		await recordActorAudit(tx, actor, {
			action: 'supervision_log.read',
			entityType: 'supervision_log',
			details: { view: 'own', entries: rows.length }
		});
		const totals = emptyTotals();
		for (const r of rows) {
			totals[r.kind].sessions += 1;
			totals[r.kind].minutes += r.minutes;
		}
		return {
			since,
			totals,
			entries: rows.map((r) => ({
				id: r.id,
				kind: r.kind,
				date: r.date,
				minutes: r.minutes,
				withWhom: r.withWhom,
				topics: r.topics ?? ''
			}))
		};
	});
}

/** Totals per peer worker of a site since `since`; the caller audits the page it belongs to. */
export async function supervisionTotalsBySite(
	tx: Tx,
	siteId: string,
	since: string
): Promise<Map<string, SupervisionTotals>> {
	const rows = await tx
		.select({
			peerId: supervisionLogs.peerId,
			kind: supervisionLogs.kind,
			minutes: supervisionLogs.minutes
		})
		.from(supervisionLogs)
		.where(and(eq(supervisionLogs.siteId, siteId), gte(supervisionLogs.date, since)));
	const byPeer = new Map<string, SupervisionTotals>();
	for (const r of rows) {
		const totals = byPeer.get(r.peerId) ?? emptyTotals();
		totals[r.kind].sessions += 1;
		totals[r.kind].minutes += r.minutes;
		byPeer.set(r.peerId, totals);
	}
	return byPeer;
}
