// Opening a live room's event stream: the access check, attendance and presence, then the
// connection joins its session's hub (room-live.ts), which feeds it until it ends.
import { blockedBy } from '../safety/blocked-by';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupSessionFor } from '../groups/group-access';
import { groupAttendance } from '../groups/groups.schema';
import { enterPresence } from './presence';
import { subRoomFor } from './room-access';
import { announce } from '../realtime/room-events';
import { hubFor, isClosing, leave } from './hubs';
import type { Hub, LiveDeps } from './room-live';
import type { Conn } from './delivery';
import { recordActorAudit } from '../audit/record-audit';
import { isStaff } from '../access/permissions';
import { IDLE_MEMBER_SECONDS, IDLE_STAFF_SECONDS } from '../auth/load-actor';

/** The id after which a (re)connecting client wants messages: Last-Event-ID, else ?after=. */
export function resumeFrom(lastEventId: string | null, after: string | null): number {
	for (const v of [lastEventId, after]) {
		if (v && /^\d{1,15}$/.test(v.trim())) return Number(v.trim());
	}
	return 0;
}

/**
 * Opens a live-room stream for the actor: checks access, records their attendance (members, first
 * time in an open session) and presence, then streams the messages after `after` and every new
 * one, the room's state when it changes, and a heartbeat. Ends when `signal` aborts, when the
 * person loses access or their sign-in session ends ('gone' event), or at shutdown.
 */
export async function openRoomStream({
	deps,
	actor,
	input,
	signal
}: {
	deps: LiveDeps;
	actor: Actor | null;
	input: { groupId: string; sessionId: string; roomId?: string | null; after: number };
	signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
	const { db, realtime, instanceId } = deps;
	const encoder = new TextEncoder();
	// Reconnect after 2 s by default; the browser then sends Last-Event-ID.
	const retry = encoder.encode('retry: 2000\n\n');
	if (isClosing(realtime))
		return new ReadableStream<Uint8Array>({
			start: (controller) => {
				controller.enqueue(retry);
				controller.close();
			}
		});
	const joined = await db.transaction(async (tx) => {
		const access = await groupSessionFor(tx, actor, input);
		if (access.session.delivery !== 'live') throw notFound();
		const room = await subRoomFor(tx, access, input.roomId);
		const me = access.actor.userId;
		const { session, group, site } = access;
		if (access.role === 'member' && session.status === 'open') {
			const first = await tx
				.insert(groupAttendance)
				.values({ sessionId: session.id, userId: me, present: true, source: 'live' })
				.onConflictDoNothing()
				.returning({ userId: groupAttendance.userId });
			if (first.length > 0)
				await recordActorAudit(tx, access.actor, {
					action: 'group.attendance_live',
					entityType: 'group_session',
					entityId: session.id,
					details: { groupId: group.id }
				});
		}
		await enterPresence(tx, { sessionId: session.id, userId: me, instanceId });
		await recordActorAudit(tx, access.actor, {
			action: 'group.room_stream',
			entityType: 'group_session',
			entityId: session.id,
			details: { groupId: group.id, roomId: room?.id ?? null, after: input.after }
		});
		await announce(tx, realtime, group.id, { k: 'presence', s: session.id });
		const blocked = await blockedBy(tx, site.id, me);
		return {
			userId: me,
			sessionId: access.actor.sessionId,
			idleMs:
				(isStaff(access.actor.roles, access.actor.isPlatformAdmin)
					? IDLE_STAFF_SECONDS
					: IDLE_MEMBER_SECONDS) * 1000,
			role: access.role,
			at: { siteId: site.id, groupId: group.id, sessionId: session.id },
			roomId: room?.id ?? null,
			blocked
		};
	});

	let conn: Conn | null = null;
	let hub: Hub | null = null;
	let open = true;
	const finish = () => {
		if (!open) return;
		open = false;
		signal.removeEventListener('abort', finish);
		if (hub && conn) leave(realtime, hub, conn);
	};
	return new ReadableStream<Uint8Array>({
		start: async (controller) => {
			conn = {
				userId: joined.userId,
				sessionId: joined.sessionId,
				idleMs: joined.idleMs,
				role: joined.role,
				roomId: joined.roomId,
				mark: input.after,
				since: input.after,
				blocked: joined.blocked,
				send: (chunk) => {
					if (open) controller.enqueue(encoder.encode(chunk));
				},
				end: () => {
					if (!open) return;
					finish();
					controller.close();
				}
			};
			controller.enqueue(retry);
			if (signal.aborted) return finish();
			signal.addEventListener('abort', finish);
			for (;;) {
				hub = await hubFor(deps, joined.at);
				if (!open || hub.add(conn)) break;
			}
			// The app began to shut down while this stream was opening: closeLiveRooms missed it.
			if (isClosing(realtime)) conn.end();
		},
		cancel: finish
	});
}
