// Who is in a live room now, on any instance: a room_presence row per (session, person, instance)
// while they hold a connection there, refreshed by that instance's heartbeat. Presence is the
// people with a row seen in the last minute, so a crashed instance's rows simply expire.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { roomPresence } from './live-room.schema';

/** Presence rows not refreshed for this long belong to a connection (or instance) that is gone. */
const PRESENCE_TTL_SECONDS = 60;

const expiredBefore = (): Date => new Date(Date.now() - PRESENCE_TTL_SECONDS * 1000);

type Here = { sessionId: string; userId: string; instanceId: string };

/** The people with a live connection to a session, on any instance. */
export async function presentIn(db: Db | Tx, sessionId: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ userId: roomPresence.userId })
		.from(roomPresence)
		.where(and(eq(roomPresence.sessionId, sessionId), gt(roomPresence.seenAt, expiredBefore())));
	return rows.map((r) => r.userId);
}

/** A person opened a connection on this instance (or opened another one: the row is refreshed). */
export async function enterPresence(tx: Tx, here: Here): Promise<void> {
	await tx
		.insert(roomPresence)
		.values(here)
		.onConflictDoUpdate({
			target: [roomPresence.sessionId, roomPresence.userId, roomPresence.instanceId],
			set: { seenAt: new Date() }
		});
}

/** A person's last connection to the session on this instance closed. */
export async function leavePresence(tx: Tx, here: Here): Promise<void> {
	await tx
		.delete(roomPresence)
		.where(
			and(
				eq(roomPresence.sessionId, here.sessionId),
				eq(roomPresence.userId, here.userId),
				eq(roomPresence.instanceId, here.instanceId)
			)
		);
}

/**
 * The heartbeat's part: keeps this instance's rows of a session fresh and drops everyone's expired
 * ones. True when someone was dropped, so the room's "who is here" must be sent again.
 */
export async function refreshPresence(
	db: Db,
	at: { sessionId: string; instanceId: string }
): Promise<boolean> {
	await db
		.update(roomPresence)
		.set({ seenAt: new Date() })
		.where(
			and(eq(roomPresence.sessionId, at.sessionId), eq(roomPresence.instanceId, at.instanceId))
		);
	const stale = await db
		.delete(roomPresence)
		.where(and(eq(roomPresence.sessionId, at.sessionId), lt(roomPresence.seenAt, expiredBefore())))
		.returning({ userId: roomPresence.userId });
	return stale.length > 0;
}
