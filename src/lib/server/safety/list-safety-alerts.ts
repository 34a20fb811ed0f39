import { and, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { can } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { groups } from '../groups/groups.schema';
import { siteNames } from '../people/names';
import { safetyAlerts } from './safety.schema';
import { fullViewOf, requireAlertsUser, type AlertView } from './alert-access';

export type AlertEntry = {
	id: string;
	view: AlertView;
	status: 'open' | 'acknowledged' | 'closed';
	source: 'board' | 'room' | 'checkin' | 'message';
	reason: 'risk_phrase' | 'answer_rule';
	createdAt: Date;
	dueBy: Date;
	escalationLevel: number;
	/** Who and where: only for those who hold the alert or are on call. */
	person: string | null;
	group: string | null;
};

/** Closed alerts stay in the queue this long, so the last steps can be looked up. */
const KEEP_CLOSED_MS = 7 * 24 * 60 * 60_000;

/**
 * The safety alerts the actor may see: open first (oldest first), then acknowledged, then closed
 * in the last week. Holders and the on-call list see who and where; site admins see the rest
 * without them. The read is audited (an empty queue reads nobody: no record).
 */
export async function listSafetyAlerts({
	db,
	actor: given,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<AlertEntry[]> {
	const { actor, site } = requireAlertsUser(given);
	const admin = can(actor, 'site.settings');
	const full = fullViewOf(actor, site.id);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				alert: safetyAlerts,
				full: sql<boolean>`${full}`,
				group: groups.name
			})
			.from(safetyAlerts)
			.leftJoin(groups, eq(groups.id, safetyAlerts.groupId))
			.where(
				and(
					eq(safetyAlerts.siteId, site.id),
					ne(safetyAlerts.personId, actor.userId),
					or(
						inArray(safetyAlerts.status, ['open', 'acknowledged']),
						gt(safetyAlerts.closedAt, new Date(now.getTime() - KEEP_CLOSED_MS))
					),
					admin ? undefined : full
				)
			)
			.orderBy(desc(safetyAlerts.createdAt))
			.limit(200);
		const names = await siteNames(
			tx,
			site.id,
			rows.filter((r) => r.full).map((r) => r.alert.personId)
		);
		// Reading an empty queue reads nobody's data: no record (Today asks on every visit).
		if (rows.length > 0)
			await recordActorAudit(tx, actor, {
				action: 'safety.alert_list',
				entityType: 'safety_alert',
				entityId: null,
				details: { count: rows.length }
			});
		const rank = { open: 0, acknowledged: 1, closed: 2 } as const;
		return rows
			.map(({ alert: a, full: f, group }): AlertEntry => {
				const isFull = f === true || String(f) === 'true';
				return {
					id: a.id,
					view: isFull ? 'full' : 'metadata',
					status: a.status,
					source: a.source,
					reason: a.reason,
					createdAt: a.createdAt,
					dueBy: a.dueBy,
					escalationLevel: a.escalationLevel,
					person: isFull ? (names.get(a.personId) ?? null) : null,
					group: isFull ? group : null
				};
			})
			.sort(
				(a, b) =>
					rank[a.status] - rank[b.status] ||
					(a.status === 'closed'
						? b.createdAt.getTime() - a.createdAt.getTime()
						: a.createdAt.getTime() - b.createdAt.getTime())
			);
	});
}
