// What facilitators do in a live session's room: open and close it, pin the agenda, run the
// timer, set slow mode, open and close sub-rooms. Each is a small use case of a few lines sharing
// one shape (facilitator check, change, audit, announce), so they live together in this file.
import { z } from 'zod';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import type { RealtimeBus } from '../realtime/bus';
import { AppError, notFound } from '../errors';
import { facilitatedGroup, type GroupAccess, type GroupSession } from '../groups/group-access';
import { groupMembers, groupSessions } from '../groups/groups.schema';
import { moderationActions } from '../moderation/moderation.schema';
import { sessionRooms } from './live-room.schema';
import { announce } from '../realtime/room-events';
import { isUuid, parseInput, zLine, zText } from '../validation';
import type { AuditAction } from '../audit/actions';
import { recordActorAudit } from '../audit/record-audit';

type Deps = { db: Db; bus: RealtimeBus; actor: Actor | null; now?: Date };
const zIds = { groupId: z.string().max(100), sessionId: z.string().max(100) };
type Ids = { groupId: string; sessionId: string };

/** The session of a group the actor facilitates, locked for the change; or "not found". */
async function facilitatedSession(
	tx: Tx,
	actor: Actor | null,
	ids: Ids
): Promise<GroupAccess & { session: GroupSession }> {
	const access = await facilitatedGroup(tx, actor, ids.groupId);
	if (!isUuid(ids.sessionId)) throw notFound();
	const [session] = await tx
		.select()
		.from(groupSessions)
		.where(and(eq(groupSessions.id, ids.sessionId), eq(groupSessions.groupId, access.group.id)))
		.for('update');
	if (!session || session.delivery !== 'live') throw notFound();
	return { ...access, session };
}

async function change(
	{ db, bus, actor }: Deps,
	ids: Ids,
	action: AuditAction,
	apply: (
		tx: Tx,
		a: GroupAccess & { session: GroupSession }
	) => Promise<Record<string, string | number | boolean | null>>
): Promise<void> {
	await db.transaction(async (tx) => {
		const access = await facilitatedSession(tx, actor, ids);
		const details = await apply(tx, access);
		await recordActorAudit(tx, access.actor, {
			action,
			entityType: 'group_session',
			entityId: access.session.id,
			details: { groupId: access.group.id, ...details }
		});
		await announce(tx, bus, access.group.id, { k: 'state', s: access.session.id });
	});
}

export const ZSetRoomStatusInput = z.object({ ...zIds, status: z.enum(['open', 'closed']) });

/**
 * Opens a scheduled session's room, or closes an open one (closed is final). No room opens in a
 * closed group.
 */
export function setRoomStatus(
	deps: Deps & { input: z.input<typeof ZSetRoomStatusInput> }
): Promise<void> {
	const data = parseInput(ZSetRoomStatusInput, deps.input);
	return change(deps, data, `group.room_${data.status}`, async (tx, { session, group }) => {
		if (data.status === 'open' && group.closedAt)
			throw new AppError('conflict', { status: 'groups_err_closed_sessions' });
		const allowed =
			data.status === 'open' ? session.status === 'scheduled' : session.status === 'open';
		if (!allowed) throw new AppError('invalid_input', { status: 'room_err_status' });
		await tx
			.update(groupSessions)
			.set({ status: data.status, ...(data.status === 'closed' ? { timerEndsAt: null } : {}) })
			.where(eq(groupSessions.id, session.id));
		if (data.status === 'closed')
			await tx
				.update(sessionRooms)
				.set({ closedAt: deps.now ?? new Date() })
				.where(and(eq(sessionRooms.sessionId, session.id), isNull(sessionRooms.closedAt)));
		return {};
	});
}

export const ZPinAgendaInput = z.object({ ...zIds, agenda: zText(2000, 0) });

/** Pins (or clears) the session's agenda at the top of the room. */
export function pinAgenda(deps: Deps & { input: z.input<typeof ZPinAgendaInput> }): Promise<void> {
	const data = parseInput(ZPinAgendaInput, deps.input);
	return change(deps, data, 'group.room_agenda', async (tx, { session }) => {
		await tx
			.update(groupSessions)
			.set({ agenda: data.agenda || null })
			.where(eq(groupSessions.id, session.id));
		return { length: data.agenda.length };
	});
}

export const ZSetTimerInput = z.object({
	...zIds,
	/** Minutes from now; 0 stops the timer. */
	minutes: z.coerce
		.number('err_invalid')
		.int('err_invalid')
		.min(0, 'err_invalid')
		.max(180, 'err_invalid')
});

/** Starts the room's timer for N minutes, or stops it with 0. */
export function setRoomTimer(
	deps: Deps & { input: z.input<typeof ZSetTimerInput> }
): Promise<void> {
	const data = parseInput(ZSetTimerInput, deps.input);
	const now = deps.now ?? new Date();
	return change(deps, data, 'group.room_timer', async (tx, { session }) => {
		const timerEndsAt = data.minutes > 0 ? new Date(now.getTime() + data.minutes * 60_000) : null;
		await tx.update(groupSessions).set({ timerEndsAt }).where(eq(groupSessions.id, session.id));
		return { minutes: data.minutes };
	});
}

export const ZSetSlowModeInput = z.object({
	...zIds,
	seconds: z.coerce
		.number('err_invalid')
		.int('err_invalid')
		.min(0, 'err_invalid')
		.max(600, 'err_invalid')
});

/** Sets the room's slow mode (seconds between a member's messages; 0 is off), recorded with who. */
export function setRoomSlowMode(
	deps: Deps & { input: z.input<typeof ZSetSlowModeInput> }
): Promise<void> {
	const data = parseInput(ZSetSlowModeInput, deps.input);
	return change(deps, data, 'group.room_slow_mode', async (tx, { session, site, group, actor }) => {
		await tx
			.update(groupSessions)
			.set({ slowModeSeconds: data.seconds })
			.where(eq(groupSessions.id, session.id));
		await tx.insert(moderationActions).values({
			siteId: site.id,
			groupId: group.id,
			action: 'slow_mode',
			targetType: 'group_session',
			targetId: session.id,
			reason: `${data.seconds}s`,
			actorId: actor.userId
		});
		return { seconds: data.seconds };
	});
}

const zMemberIds = z.preprocess(
	(v) => (v === undefined || v === '' ? [] : typeof v === 'string' ? [v] : v),
	z.array(z.string().max(100)).min(1, 'room_err_pick_members').max(50)
);
export const ZOpenSubRoomInput = z.object({ ...zIds, name: zLine(60), memberIds: zMemberIds });

/** Opens a sub-room of the session with chosen members of the group. */
export function openSubRoom(
	deps: Deps & { input: z.input<typeof ZOpenSubRoomInput> }
): Promise<void> {
	const data = parseInput(ZOpenSubRoomInput, deps.input);
	return change(deps, data, 'group.room_subroom_open', async (tx, { session, group }) => {
		if (session.status !== 'open')
			throw new AppError('invalid_input', { name: 'room_err_not_open' });
		const wanted = [...new Set(data.memberIds)];
		const found = await tx
			.select({ userId: groupMembers.userId })
			.from(groupMembers)
			.where(
				and(
					eq(groupMembers.groupId, group.id),
					eq(groupMembers.status, 'member'),
					inArray(groupMembers.userId, wanted)
				)
			);
		if (found.length !== wanted.length)
			throw new AppError('invalid_input', { memberIds: 'err_invalid' });
		const [room] = await tx
			.insert(sessionRooms)
			.values({ sessionId: session.id, name: data.name, memberIds: wanted })
			.returning({ id: sessionRooms.id });
		return { roomId: room?.id ?? null, members: wanted.length };
	});
}

export const ZCloseSubRoomInput = z.object({ ...zIds, roomId: z.string().max(100) });

/** Closes a sub-room: its members go back to the main room (their sub-room stream ends). */
export function closeSubRoom(
	deps: Deps & { input: z.input<typeof ZCloseSubRoomInput> }
): Promise<void> {
	const data = parseInput(ZCloseSubRoomInput, deps.input);
	return change(deps, data, 'group.room_subroom_close', async (tx, { session }) => {
		if (!isUuid(data.roomId)) throw notFound();
		const closed = await tx
			.update(sessionRooms)
			.set({ closedAt: deps.now ?? new Date() })
			.where(
				and(
					eq(sessionRooms.id, data.roomId),
					eq(sessionRooms.sessionId, session.id),
					isNull(sessionRooms.closedAt)
				)
			)
			.returning({ id: sessionRooms.id });
		if (closed.length === 0) throw notFound();
		return { roomId: data.roomId };
	});
}
