// Companionships over time, as each role may see them: the member their own (with the companion's
// name), the peer worker the people they accompanied (with the member's name), the coordinator
// every companionship of the site. Dose is counts and minutes only: contact notes stay with the
// companion, and a member's request note is not repeated here.
import { z } from 'zod';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { companionContacts, companionRequests } from './companionship.schema';
import { actorWith, isOver, sideUseCase, type CompanionshipSide } from './companionship-access';
import { dayOf } from '../dates/calendar';
import { displayNames } from '../people/names';
import type { CompanionEndReason } from './end-companionship';
import { recordActorAudit } from '../audit/record-audit';

export const historyFilters = ['active', 'ended', 'all'] as const;
export type HistoryFilter = (typeof historyFilters)[number];
export const ZHistoryFilter = z.enum(historyFilters, 'err_invalid');

export type HistoryEntry = {
	id: string;
	/** The member's display name; null in the member's own history. */
	memberName: string | null;
	/** The companion's display name; null in the companion's own history. */
	peerName: string | null;
	/** Calendar days in the site's time zone (YYYY-MM-DD). */
	startedOn: string;
	/** The day it ended early, or its planned end date. */
	endsOn: string;
	/** active: still running; completed: ran its full length; ended: ended early. */
	outcome: 'active' | 'completed' | 'ended';
	/** Who ended it early, as a role; null when unknown (ended before this was recorded). */
	endedBy: CompanionshipSide | null;
	endReason: CompanionEndReason | null;
	contacts: number;
	minutes: number;
};

/**
 * The companionships `as` the member, the companion or the coordinator sees them, newest first,
 * filtered to running ones, ones that are over, or all; audited as a read.
 */
export async function getCompanionshipHistory({
	db,
	actor: given,
	as,
	filter,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	as: CompanionshipSide;
	filter: HistoryFilter;
	now?: Date;
}): Promise<HistoryEntry[]> {
	const { actor, site } = actorWith(given, sideUseCase[as]);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.siteId, site.id),
					inArray(companionRequests.status, ['active', 'ended']),
					as === 'member' ? eq(companionRequests.memberId, actor.userId) : undefined,
					as === 'companion' ? eq(companionRequests.peerId, actor.userId) : undefined
				)
			)
			.orderBy(desc(companionRequests.acceptedAt), desc(companionRequests.createdAt));
		const shown = rows.filter((r) =>
			filter === 'all' ? true : filter === 'ended' ? isOver(r, now) : !isOver(r, now)
		);
		const ids = shown.map((r) => r.id);
		const dose = ids.length
			? await tx
					.select({
						requestId: companionContacts.requestId,
						contacts: count(),
						minutes: sql<number>`coalesce(sum(${companionContacts.minutes}), 0)`.mapWith(Number)
					})
					.from(companionContacts)
					.where(inArray(companionContacts.requestId, ids))
					.groupBy(companionContacts.requestId)
			: [];
		const names = await displayNames(
			tx,
			shown.flatMap((r) => [
				...(as !== 'member' ? [r.memberId] : []),
				...(as !== 'companion' && r.peerId ? [r.peerId] : [])
			])
		);
		await recordActorAudit(tx, actor, {
			action: 'companionship.read',
			entityType: 'companionship',
			details: { view: `${as}_history`, filter, entries: shown.length }
		});
		const zone = site.timeZone;
		return shown.map((r): HistoryEntry => {
			const endedEarly = r.status === 'ended' || r.endedAt !== null;
			const own = dose.find((d) => d.requestId === r.id);
			return {
				id: r.id,
				memberName: as === 'member' ? null : (names.get(r.memberId) ?? ''),
				peerName: as === 'companion' ? null : ((r.peerId && names.get(r.peerId)) ?? ''),
				startedOn: dayOf(r.acceptedAt ?? r.createdAt, zone),
				endsOn: dayOf((endedEarly ? r.endedAt : r.endsAt) ?? r.createdAt, zone),
				outcome: endedEarly ? 'ended' : isOver(r, now) ? 'completed' : 'active',
				endedBy: !endedEarly
					? null
					: r.endedBy === null
						? null
						: r.endedBy === r.memberId
							? 'member'
							: r.endedBy === r.peerId
								? 'companion'
								: 'coordinator',
				endReason: endedEarly ? r.endReason : null,
				contacts: own?.contacts ?? 0,
				minutes: own?.minutes ?? 0
			};
		});
	});
}
