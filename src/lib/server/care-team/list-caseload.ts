import { z } from 'zod';
import { and, eq, gt, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { sitePeople } from '../people/names';
import { companionContacts, companionRequests } from '../companionship/companionship.schema';
import { cohortSessions, cohorts, sessionParticipation } from '../cohorts/cohorts.schema';
import { groupAttendance, groupFacilitators, groupSessions, groups } from '../groups/groups.schema';
import { careTeamAssignments, type CareRole } from './care-team.schema';
import { inTurn } from './in-turn';

export const caseloadSorts = ['last_contact', 'name', 'since'] as const;
export type CaseloadSort = (typeof caseloadSorts)[number];
export const ZCaseloadSort = z.enum(caseloadSorts).catch('last_contact');

export type ContactKind = 'companion_contact' | 'cohort_session' | 'group_session';

export type CaseloadRow = {
	memberId: string;
	name: string;
	/** What the supporter is to this person (a peer worker can be assigned and a companion). */
	roles: (CareRole | 'companion')[];
	/** First day on this person's team (YYYY-MM-DD). */
	since: string;
	/** The supporter's own last contact with the person, on the site's calendar, and its kind. */
	lastContact: { day: string; kind: ContactKind } | null;
};

/** The latest contact of each kind per person, keeping the newest. */
function keepLatest(
	into: Map<string, { day: string; kind: ContactKind }>,
	rows: { userId: string; day: string | null }[],
	kind: ContactKind
): void {
	for (const { userId, day } of rows) {
		if (!day) continue;
		const known = into.get(userId);
		if (!known || day > known.day) into.set(userId, { day, kind });
	}
}

/** The supporter's own last contact with each person: companion contacts, sessions they led. */
async function lastContacts(
	tx: Tx,
	siteId: string,
	supporterId: string,
	memberIds: string[],
	zone: string
): Promise<Map<string, { day: string; kind: ContactKind }>> {
	const [companion, cohort, group] = await inTurn(
		() =>
			tx
				.select({ userId: companionRequests.memberId, day: max(companionContacts.date) })
				.from(companionContacts)
				.innerJoin(companionRequests, eq(companionRequests.id, companionContacts.requestId))
				.where(
					and(
						eq(companionRequests.siteId, siteId),
						eq(companionRequests.peerId, supporterId),
						inArray(companionRequests.memberId, memberIds)
					)
				)
				.groupBy(companionRequests.memberId),
		() =>
			tx
				.select({
					userId: sessionParticipation.userId,
					at: max(sql<Date>`coalesce(${cohortSessions.heldAt}, ${cohortSessions.scheduledAt})`)
				})
				.from(sessionParticipation)
				.innerJoin(cohortSessions, eq(cohortSessions.id, sessionParticipation.sessionId))
				.innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
				.where(
					and(
						eq(cohorts.siteId, siteId),
						or(eq(cohorts.facilitatorId, supporterId), eq(cohorts.coFacilitatorId, supporterId)),
						eq(cohortSessions.status, 'held'),
						eq(sessionParticipation.present, true),
						inArray(sessionParticipation.userId, memberIds)
					)
				)
				.groupBy(sessionParticipation.userId),
		() =>
			tx
				.select({ userId: groupAttendance.userId, at: max(groupSessions.startsAt) })
				.from(groupAttendance)
				.innerJoin(groupSessions, eq(groupSessions.id, groupAttendance.sessionId))
				.innerJoin(groups, eq(groups.id, groupSessions.groupId))
				.innerJoin(
					groupFacilitators,
					and(
						eq(groupFacilitators.groupId, groupSessions.groupId),
						eq(groupFacilitators.userId, supporterId)
					)
				)
				.where(
					and(
						eq(groups.siteId, siteId),
						eq(groupAttendance.present, true),
						inArray(groupAttendance.userId, memberIds)
					)
				)
				.groupBy(groupAttendance.userId)
	);
	// max() over a timestamp comes back as a Date from node-postgres and a string from some drivers.
	const day = (at: Date | string | null) => (at === null ? null : dayOf(new Date(at), zone));
	const latest = new Map<string, { day: string; kind: ContactKind }>();
	keepLatest(latest, companion, 'companion_contact');
	keepLatest(
		latest,
		cohort.map((r) => ({ userId: r.userId, day: day(r.at) })),
		'cohort_session'
	);
	keepLatest(
		latest,
		group.map((r) => ({ userId: r.userId, day: day(r.at) })),
		'group_session'
	);
	return latest;
}

const bySort: Record<CaseloadSort, (a: CaseloadRow, b: CaseloadRow) => number> = {
	// Longest without contact first: never contacted, then the oldest contact.
	last_contact: (a, b) =>
		(a.lastContact?.day ?? '').localeCompare(b.lastContact?.day ?? '') ||
		a.name.localeCompare(b.name),
	name: (a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId),
	since: (a, b) => a.since.localeCompare(b.since) || a.name.localeCompare(b.name)
};

/**
 * The supporter's caseload: the members of their site whose care team they are on (assigned, or
 * an active companionship), with their own last contact with each. Audited as one read.
 */
export async function listCaseload({
	db,
	actor,
	sort = 'last_contact',
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	sort?: CaseloadSort;
	now?: Date;
}): Promise<CaseloadRow[]> {
	requireUseCase(actor, 'care_team.caseload');
	const site = requireSite(actor);
	const zone = siteZoneOf(site);
	return db.transaction(async (tx) => {
		const [assigned, companions] = await inTurn(
			() =>
				tx
					.select({
						memberId: careTeamAssignments.memberId,
						role: careTeamAssignments.role,
						since: careTeamAssignments.startedOn
					})
					.from(careTeamAssignments)
					.where(
						and(
							eq(careTeamAssignments.siteId, site.id),
							eq(careTeamAssignments.supporterId, actor.userId),
							isNull(careTeamAssignments.endedOn)
						)
					),
			() =>
				tx
					.select({
						memberId: companionRequests.memberId,
						at: sql<Date>`coalesce(${companionRequests.acceptedAt}, ${companionRequests.createdAt})`
					})
					.from(companionRequests)
					.where(
						and(
							eq(companionRequests.siteId, site.id),
							eq(companionRequests.peerId, actor.userId),
							eq(companionRequests.status, 'active'),
							isNull(companionRequests.endedAt),
							or(isNull(companionRequests.endsAt), gt(companionRequests.endsAt, now))
						)
					)
		);
		const rows = new Map<string, Omit<CaseloadRow, 'name' | 'lastContact'>>();
		const add = (memberId: string, role: CareRole | 'companion', since: string) => {
			const row = rows.get(memberId);
			if (!row) rows.set(memberId, { memberId, roles: [role], since });
			else {
				if (!row.roles.includes(role)) row.roles.push(role);
				if (since < row.since) row.since = since;
			}
		};
		for (const a of assigned) add(a.memberId, a.role, a.since);
		for (const c of companions) add(c.memberId, 'companion', dayOf(new Date(c.at), zone));

		const ids = [...rows.keys()];
		// Only people who are still members here (not suspended, account enabled).
		const [members, contacts] = await inTurn(
			() => sitePeople(tx, site.id, ['member'], ids),
			() =>
				ids.length > 0
					? lastContacts(tx, site.id, actor.userId, ids, zone)
					: Promise.resolve(new Map<string, { day: string; kind: ContactKind }>())
		);
		const caseload: CaseloadRow[] = members.flatMap((m) => {
			const row = rows.get(m.userId);
			return row ? [{ ...row, name: m.name, lastContact: contacts.get(m.userId) ?? null }] : [];
		});
		await recordActorAudit(tx, actor, {
			action: 'care_team.caseload_read',
			entityType: 'care_team_assignment',
			entityId: null,
			details: { count: caseload.length }
		});
		return caseload.sort(bySort[sort]);
	});
}
