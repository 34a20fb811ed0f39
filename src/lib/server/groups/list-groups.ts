import { and, asc, eq, gt, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import {
	groupFacilitators,
	groupMembers,
	groups,
	groupSessions,
	reminderDeliveries
} from './groups.schema';
import { requireGroupUser } from './group-access';
import { programmeTitles } from '../programmes/programme-text';

export type GroupCard = {
	id: string;
	name: string;
	programmeTitle: string;
	enrolment: 'open' | 'request' | 'invitation';
	placesLeft: number;
	nextSession: Date | null;
	/** When the group closed; closed groups come after the open ones in every list. */
	closedAt: Date | null;
	/**
	 * The actor's status, for their own groups; `withdrawn` when closing the group ended their
	 * request, waitlist place or invitation (so they learn what happened to it).
	 */
	status?: 'member' | 'waitlisted' | 'requested' | 'invited' | 'withdrawn';
};

/** An in-app reminder of a coming session; unread until the member marks it read. */
export type ReminderNotice = {
	id: string;
	sessionId: string;
	groupId: string;
	groupName: string;
	startsAt: Date;
	unread: boolean;
};

export type GroupsPage = {
	mine: GroupCard[];
	joinable: GroupCard[];
	facilitating: GroupCard[];
	/** Whether `facilitating` is every group of the site (a moderator's view), not the ones they lead. */
	facilitatingAll: boolean;
	reminders: ReminderNotice[];
	/** How many of the reminders are new (not marked read). */
	unreadReminders: number;
	canOpen: boolean;
};

const memberCount = sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id} and ${groupMembers.status} = 'member')`;
const nextSession = sql<Date | null>`(select min(${groupSessions.startsAt}) from ${groupSessions} where ${groupSessions.groupId} = ${groups.id} and ${groupSessions.status} <> 'cancelled' and ${groupSessions.endsAt} > now())`;

/**
 * The groups page: a member's own groups (and invitations), the open or by-request groups of the
 * site they could join with places left, the in-app reminders of their coming sessions; for staff
 * the groups they facilitate (moderators: every group of the site). Closed groups stay in the
 * member's and the staff's lists, marked with the day they closed; nobody can join them.
 */
export async function listGroups({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string };
}): Promise<GroupsPage> {
	const { actor, site } = requireGroupUser(given);
	const columns = {
		id: groups.id,
		name: groups.name,
		programmeId: groups.programmeId,
		enrolment: groups.enrolment,
		capacity: groups.capacity,
		closedAt: groups.closedAt,
		members: memberCount,
		next: nextSession
	};
	const active = ['member', 'waitlisted', 'requested', 'invited'] as const;
	const isMember = mayUse(actor, 'groups.take_part');
	const mine = isMember
		? await db
				.select({ ...columns, status: groupMembers.status })
				.from(groupMembers)
				.innerJoin(groups, eq(groups.id, groupMembers.groupId))
				.where(
					and(
						eq(groups.siteId, site.id),
						eq(groupMembers.userId, actor.userId),
						or(
							and(isNull(groups.closedAt), inArray(groupMembers.status, [...active])),
							and(isNotNull(groups.closedAt), eq(groupMembers.status, 'member')),
							// Withdrawn by the closing itself (see withdrawnByClosing in enrolment.ts).
							and(eq(groupMembers.status, 'left'), eq(groupMembers.updatedAt, groups.closedAt))
						)
					)
				)
				.orderBy(asc(groups.name), asc(groups.id))
		: [];
	const known = db
		.select({ id: groupMembers.groupId })
		.from(groupMembers)
		.where(
			and(
				eq(groupMembers.userId, actor.userId),
				inArray(groupMembers.status, [...active, 'removed'])
			)
		);
	const joinable = isMember
		? await db
				.select(columns)
				.from(groups)
				.where(
					and(
						eq(groups.siteId, site.id),
						isNull(groups.closedAt),
						inArray(groups.enrolment, ['open', 'request']),
						notInArray(groups.id, known)
					)
				)
				.orderBy(asc(groups.name), asc(groups.id))
		: [];
	const staff = mayUse(actor, 'groups.facilitate');
	const facilitatingAll = mayUse(actor, 'groups.moderate');
	const facilitating = facilitatingAll
		? await db
				.select(columns)
				.from(groups)
				.where(eq(groups.siteId, site.id))
				.orderBy(asc(groups.name), asc(groups.id))
		: staff
			? await db
					.select(columns)
					.from(groupFacilitators)
					.innerJoin(groups, eq(groups.id, groupFacilitators.groupId))
					.where(and(eq(groups.siteId, site.id), eq(groupFacilitators.userId, actor.userId)))
					.orderBy(asc(groups.name), asc(groups.id))
			: [];
	const reminders = isMember
		? await db
				.select({
					id: reminderDeliveries.id,
					sessionId: groupSessions.id,
					groupId: groups.id,
					groupName: groups.name,
					startsAt: groupSessions.startsAt,
					readAt: reminderDeliveries.readAt
				})
				.from(reminderDeliveries)
				.innerJoin(groupSessions, eq(groupSessions.id, reminderDeliveries.sessionId))
				.innerJoin(groups, eq(groups.id, groupSessions.groupId))
				.innerJoin(
					groupMembers,
					and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, actor.userId))
				)
				.where(
					and(
						eq(reminderDeliveries.userId, actor.userId),
						eq(reminderDeliveries.channel, 'in_app'),
						eq(groups.siteId, site.id),
						isNull(groups.closedAt),
						eq(groupMembers.status, 'member'),
						eq(groupMembers.remindersInApp, true),
						sql`${groupSessions.status} <> 'cancelled'`,
						gt(groupSessions.endsAt, new Date())
					)
				)
				.orderBy(asc(groupSessions.startsAt))
		: [];
	const titles = await programmeTitles(
		db,
		[...mine, ...joinable, ...facilitating].map((g) => g.programmeId),
		input.locale,
		site.defaultLocale
	);
	const card = (g: (typeof joinable)[number]): GroupCard => ({
		id: g.id,
		name: g.name,
		programmeTitle: titles.get(g.programmeId) ?? '',
		enrolment: g.enrolment,
		placesLeft: Math.max(0, g.capacity - Number(g.members)),
		nextSession: g.next && !g.closedAt ? new Date(g.next) : null,
		closedAt: g.closedAt
	});
	const notices = reminders.map(({ readAt, ...r }) => ({ ...r, unread: readAt === null }));
	return {
		mine: openFirst(
			mine.map((g) => ({
				...card(g),
				status: (g.status === 'left' ? 'withdrawn' : g.status) as GroupCard['status']
			}))
		),
		joinable: joinable.map(card),
		facilitating: openFirst(facilitating.map(card)),
		facilitatingAll,
		reminders: notices,
		unreadReminders: notices.filter((r) => r.unread).length,
		canOpen: mayUse(actor, 'groups.open')
	};
}

/** Open groups in their order, then closed ones, the most recently closed first. */
const openFirst = (cards: GroupCard[]): GroupCard[] => [
	...cards.filter((c) => !c.closedAt),
	...cards
		.filter((c) => c.closedAt)
		.sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0))
];
