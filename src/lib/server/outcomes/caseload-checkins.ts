import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { careTeamAssignments } from '../care-team/care-team.schema';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { checkinResponses, instruments, type Labels } from './outcomes.schema';

/** The members whose check-ins a professional follows: those whose care team they are on now. */
export async function caseloadMembersOf(
	db: Db,
	who: { siteId: string; professionalId: string }
): Promise<string[]> {
	const rows = await db
		.selectDistinct({ memberId: careTeamAssignments.memberId })
		.from(careTeamAssignments)
		.where(
			and(
				eq(careTeamAssignments.siteId, who.siteId),
				eq(careTeamAssignments.supporterId, who.professionalId),
				isNull(careTeamAssignments.endedOn)
			)
		);
	return rows.map((r) => r.memberId);
}

export type CaseloadCheckins = {
	memberId: string;
	open: number;
	missed: number;
	latest: { title: Labels; total: number; band: string | null; at: Date } | null;
};

/** For each member of the professional's caseload: open and missed check-ins, latest score. Audited. */
export async function listCaseloadCheckins({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<CaseloadCheckins[]> {
	requireUseCase(actor, 'outcomes.caseload');
	const site = requireSite(actor);
	const members = await caseloadMembersOf(db, { siteId: site.id, professionalId: actor.userId });
	if (members.length === 0) return [];
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ r: checkinResponses, title: instruments.title })
			.from(checkinResponses)
			.innerJoin(instruments, eq(instruments.id, checkinResponses.instrumentId))
			.where(and(eq(checkinResponses.siteId, site.id), inArray(checkinResponses.userId, members)))
			.orderBy(desc(checkinResponses.closesAt))
			.limit(members.length * 20);
		await recordActorAudit(tx, actor, {
			action: 'checkin.caseload_read',
			entityType: 'checkin',
			entityId: null,
			details: { members: members.length }
		});
		return members.map((memberId) => {
			const own = rows.filter((x) => x.r.userId === memberId);
			const done = own.find((x) => x.r.status === 'completed' && x.r.total !== null);
			return {
				memberId,
				open: own.filter((x) => x.r.status === 'open').length,
				missed: own.filter((x) => x.r.status === 'missed').length,
				latest:
					done && done.r.total !== null
						? {
								title: done.title,
								total: done.r.total,
								band: done.r.band,
								at: done.r.completedAt ?? done.r.closesAt
							}
						: null
			};
		});
	});
}
