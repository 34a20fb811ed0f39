import { and, asc, eq, exists, gt, gte, isNull, lt, ne, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import {
	groupAttendance,
	groupFacilitators,
	groupMembers,
	groups,
	groupSessionLogs,
	groupSessions
} from './groups.schema';
import { requireGroupUser } from './group-access';

export type ComingSession = {
	groupId: string;
	groupName: string;
	/** The language the group is held in, for `lang` on its name. */
	groupLocale: string;
	sessionId: string;
	startsAt: Date;
	endsAt: Date;
	delivery: 'live' | 'in_person' | 'video';
	/** Its live room may be entered now: a live session open, or starting within 15 minutes. */
	roomOpen: boolean;
};

export type SessionLogDue = ComingSession & { attendanceMissing: boolean; logMissing: boolean };

/** How long before its start a live room counts as open on Today (the room opens earlier too). */
const roomEarlyMs = 15 * 60_000;
/** How far back a facilitator is reminded of a session log still to write. */
const logsWithinDays = 30;

const roomOpen = (
	s: { delivery: string; status: string; startsAt: Date; endsAt: Date },
	now: Date
) =>
	s.delivery === 'live' &&
	s.endsAt > now &&
	(s.status === 'open' || s.startsAt.getTime() - roomEarlyMs <= now.getTime());

const columns = {
	groupId: groups.id,
	groupName: groups.name,
	groupLocale: groups.locale,
	sessionId: groupSessions.id,
	startsAt: groupSessions.startsAt,
	endsAt: groupSessions.endsAt,
	delivery: groupSessions.delivery,
	status: groupSessions.status
};

/**
 * The next session of each group the actor is a member of (soonest first, at most `limit`), on
 * their site, in groups still open. Like the groups page, a list of one's own places: not audited.
 */
export async function listMySessions({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { now: Date; limit: number };
}): Promise<ComingSession[]> {
	const { actor, site } = requireGroupUser(given);
	if (!mayUse(actor, 'groups.take_part')) return [];
	const rows = await db
		.selectDistinctOn([groups.id], columns)
		.from(groupMembers)
		.innerJoin(groups, eq(groups.id, groupMembers.groupId))
		.innerJoin(groupSessions, eq(groupSessions.groupId, groups.id))
		.where(
			and(
				eq(groupMembers.userId, actor.userId),
				eq(groupMembers.status, 'member'),
				eq(groups.siteId, site.id),
				isNull(groups.closedAt),
				ne(groupSessions.status, 'cancelled'),
				gt(groupSessions.endsAt, input.now)
			)
		)
		.orderBy(groups.id, asc(groupSessions.startsAt));
	return rows
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
		.slice(0, input.limit)
		.map(({ status, ...s }) => ({ ...s, roomOpen: roomOpen({ ...s, status }, input.now) }));
}

/**
 * What a facilitator has on: the sessions of their groups between `from` and `to` (their day),
 * and the sessions of the last 30 days that ended without a session log, or (held in person or
 * by video) without attendance. Their own groups on their site only.
 */
export async function listFacilitatorSessions({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { now: Date; from: Date; to: Date };
}): Promise<{ today: ComingSession[]; logsDue: SessionLogDue[] }> {
	const { actor, site } = requireGroupUser(given);
	if (!mayUse(actor, 'groups.facilitate')) return { today: [], logsDue: [] };
	const mine = and(
		eq(groups.siteId, site.id),
		ne(groupSessions.status, 'cancelled'),
		exists(
			db
				.select({ one: sql`1` })
				.from(groupFacilitators)
				.where(
					and(eq(groupFacilitators.groupId, groups.id), eq(groupFacilitators.userId, actor.userId))
				)
		)
	);
	const since = new Date(input.now.getTime() - logsWithinDays * 86_400_000);
	const noLog = notExists(
		db
			.select({ one: sql`1` })
			.from(groupSessionLogs)
			.where(eq(groupSessionLogs.sessionId, groupSessions.id))
	);
	const noAttendance = notExists(
		db
			.select({ one: sql`1` })
			.from(groupAttendance)
			.where(eq(groupAttendance.sessionId, groupSessions.id))
	);
	const [today, past] = await Promise.all([
		db
			.select(columns)
			.from(groupSessions)
			.innerJoin(groups, eq(groups.id, groupSessions.groupId))
			.where(
				and(
					mine,
					isNull(groups.closedAt),
					lt(groupSessions.startsAt, input.to),
					gt(groupSessions.endsAt, input.from)
				)
			)
			.orderBy(asc(groupSessions.startsAt)),
		db
			.select({
				...columns,
				logMissing: sql<boolean>`${noLog}`,
				attendanceMissing: sql<boolean>`${groupSessions.delivery} <> 'live' and ${noAttendance}`
			})
			.from(groupSessions)
			.innerJoin(groups, eq(groups.id, groupSessions.groupId))
			.where(
				and(
					mine,
					lt(groupSessions.endsAt, input.now),
					gte(groupSessions.endsAt, since),
					sql`(${noLog} or (${groupSessions.delivery} <> 'live' and ${noAttendance}))`
				)
			)
			.orderBy(asc(groupSessions.startsAt))
	]);
	return {
		today: today.map(({ status, ...s }) => ({
			...s,
			roomOpen: roomOpen({ ...s, status }, input.now)
		})),
		logsDue: past.map(({ status, ...s }) => ({
			...s,
			roomOpen: false,
			logMissing: Boolean(s.logMissing),
			attendanceMissing: Boolean(s.attendanceMissing) && status !== 'cancelled'
		}))
	};
}
