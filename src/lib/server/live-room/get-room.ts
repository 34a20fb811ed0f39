import { and, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import { blockedBy } from '../safety/blocked-by';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupSessionFor, type GroupRole } from '../groups/group-access';
import { peerNames } from '../people/names';
import { chatMessages, sessionRooms } from './live-room.schema';
import { groupFacilitators, groupMembers } from '../groups/groups.schema';
import { programmeVersions } from '../programmes/programmes.schema';
import { subRoomFor } from './room-access';
import { presentIn } from './presence';
import type { RoomMessage, RoomState } from './delivery';
import { recordActorAudit } from '../audit/record-audit';

const LATEST = 50;

export type RoomView = {
	group: { id: string; name: string };
	session: { id: string; number: number | null; startsAt: Date; endsAt: Date };
	theme: string | null;
	role: GroupRole;
	/** The sub-room shown, or null for the main room. */
	room: { id: string; name: string } | null;
	state: RoomState;
	/** The latest messages of the room shown, oldest first. */
	messages: RoomMessage[];
	/**
	 * The first message id the page covers (0: from the start). A message shown again live
	 * (restored, or its author unblocked) that is older stays out, as the page never went back so far.
	 */
	floor: number;
	/** People the viewer blocked who wrote here, by their latest message (members only). */
	blocked: { messageId: number; name: string | null }[];
	/** Members a facilitator can place in a sub-room (pseudonyms); empty for others. */
	members: { userId: string; name: string | null }[];
	/** What the viewer may do beyond reading, writing and reporting. */
	may: {
		/** Block another member (members only; staff cannot be blocked). */
		block: boolean;
		/** Open and close the room, pin the agenda, run the timer, slow mode and sub-rooms. */
		facilitate: boolean;
	};
};

/**
 * A live session's room as the actor may see it: the pinned theme and agenda, the timer, who is
 * here, the open sub-rooms they may enter and the latest messages of the room they look at.
 * Reading it is audited.
 */
export async function getRoom({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string; sessionId: string; roomId?: string | null };
}): Promise<RoomView> {
	return db.transaction(async (tx) => {
		const access = await groupSessionFor(tx, actor, input);
		const { session, group, site, role } = access;
		if (session.delivery !== 'live') throw notFound();
		const room = await subRoomFor(tx, access, input.roomId);
		const me = access.actor.userId;
		const facilitators = await tx
			.select({ userId: groupFacilitators.userId })
			.from(groupFacilitators)
			.where(eq(groupFacilitators.groupId, group.id));
		const staff = new Set(facilitators.map((f) => f.userId));

		const latest = await tx
			.select()
			.from(chatMessages)
			.where(
				and(
					eq(chatMessages.sessionId, session.id),
					room ? eq(chatMessages.roomId, room.id) : isNull(chatMessages.roomId),
					isNull(chatMessages.hiddenAt)
				)
			)
			.orderBy(desc(chatMessages.id))
			.limit(LATEST);
		latest.reverse();
		const rooms = await tx
			.select()
			.from(sessionRooms)
			.where(and(eq(sessionRooms.sessionId, session.id), isNull(sessionRooms.closedAt)))
			.orderBy(sessionRooms.openedAt);
		const here = await presentIn(tx, session.id);
		const blocked = await blockedBy(tx, site.id, me);
		// A member can unblock, here, the people they blocked who wrote in this room: by message,
		// never by account id.
		const blockedHere =
			role === 'member' && blocked.size > 0
				? await tx
						.select({ authorId: chatMessages.authorId, messageId: max(chatMessages.id) })
						.from(chatMessages)
						.where(
							and(
								eq(chatMessages.sessionId, session.id),
								room ? eq(chatMessages.roomId, room.id) : isNull(chatMessages.roomId),
								isNull(chatMessages.hiddenAt),
								inArray(chatMessages.authorId, [...blocked])
							)
						)
						.groupBy(chatMessages.authorId)
				: [];
		const members =
			role === 'facilitator'
				? await tx
						.select({ userId: groupMembers.userId })
						.from(groupMembers)
						.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, 'member')))
				: [];
		const names = await peerNames(
			tx,
			[
				...latest.map((m) => m.authorId),
				...here,
				...members.map((m) => m.userId),
				...blockedHere.map((b) => b.authorId)
			],
			staff
		);
		const [version] = await tx
			.select({ content: programmeVersions.content })
			.from(programmeVersions)
			.where(
				and(
					eq(programmeVersions.programmeId, group.programmeId),
					inArray(programmeVersions.locale, [group.locale]),
					eq(programmeVersions.status, 'published')
				)
			)
			.orderBy(desc(programmeVersions.version))
			.limit(1);
		const theme = version?.content.sessions.find((s) => s.number === session.number)?.theme ?? null;

		await recordActorAudit(tx, access.actor, {
			action: 'group.room_view',
			entityType: 'group_session',
			entityId: session.id,
			details: { groupId: group.id, roomId: room?.id ?? null, messages: latest.length }
		});
		return {
			group: { id: group.id, name: group.name },
			session: {
				id: session.id,
				number: session.number,
				startsAt: session.startsAt,
				endsAt: session.endsAt
			},
			theme,
			role,
			room: room ? { id: room.id, name: room.name } : null,
			state: {
				status: session.status,
				timerEndsAt: session.timerEndsAt?.toISOString() ?? null,
				agenda: session.agenda,
				slowModeSeconds: session.slowModeSeconds,
				rooms: rooms
					.filter((r) => role !== 'member' || r.memberIds.includes(me))
					.map((r) => ({ id: r.id, name: r.name })),
				here: here.map((id) => ({ name: names.get(id) ?? null, staff: staff.has(id) }))
			},
			// People the viewer blocked (in a room or on the board) are left out of the room for them.
			messages: latest
				.filter((m) => !blocked.has(m.authorId))
				.map((m) => ({
					id: m.id,
					author: names.get(m.authorId) ?? null,
					staff: staff.has(m.authorId),
					mine: m.authorId === me,
					body: m.body,
					at: m.createdAt.toISOString()
				})),
			floor: latest.length === LATEST ? (latest[0]?.id ?? 0) : 0,
			blocked: blockedHere.flatMap((b) =>
				b.messageId === null
					? []
					: [{ messageId: b.messageId, name: names.get(b.authorId) ?? null }]
			),
			members: members.map((m) => ({ userId: m.userId, name: names.get(m.userId) ?? null })),
			may: { block: role === 'member', facilitate: role === 'facilitator' }
		};
	});
}
