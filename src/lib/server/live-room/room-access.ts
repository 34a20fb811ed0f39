// Which room of a live session someone is in: the main room (null) or a sub-room facilitators
// opened. Staff see every sub-room; a member only the ones they were placed in. Anything else is
// "not found", like a room id nobody ever had.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { notFound } from '../errors';
import { type GroupAccess, type GroupSession } from '../groups/group-access';
import { isUuid } from '../validation';
import { sessionRooms } from './live-room.schema';

export type SessionRoom = typeof sessionRooms.$inferSelect;

export const isStaffRole = (role: GroupAccess['role']): boolean =>
	role === 'facilitator' || role === 'moderator';

export async function subRoomFor(
	tx: Tx | Db,
	access: GroupAccess & { session: GroupSession },
	roomId: string | null | undefined
): Promise<SessionRoom | null> {
	if (!roomId) return null;
	if (!isUuid(roomId)) throw notFound();
	const [room] = await tx
		.select()
		.from(sessionRooms)
		.where(and(eq(sessionRooms.id, roomId), eq(sessionRooms.sessionId, access.session.id)))
		.limit(1);
	if (!room) throw notFound();
	if (isStaffRole(access.role)) return room;
	if (room.closedAt || !room.memberIds.includes(access.actor.userId)) throw notFound();
	return room;
}
