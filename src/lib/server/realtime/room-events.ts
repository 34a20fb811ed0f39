// What the live room announces on the realtime bus. One channel per group; payloads carry ids
// only, and listeners read the database for everything else (so a payload is never trusted).
import type { Tx } from '../db/client';
import { publish, type RealtimeBus } from './bus';

/**
 * - message: a message was saved in a session (its id; listeners fetch everything after their mark)
 * - state: timer, agenda, status or sub-rooms of a session changed
 * - presence: someone arrived in or left a session's room
 * - membership: someone lost access to the group (removed, left): open streams re-check at once
 * - moderated: a moderator hid or restored a message of a session (its id): open rooms drop it or
 *   show it again
 * - blocks: a member of the group blocked or unblocked someone: their open rooms re-read whom
 */
export type RoomEvent =
	| { k: 'message'; s: string; id: number }
	| { k: 'moderated'; s: string; id: number }
	| { k: 'state'; s: string }
	| { k: 'presence'; s: string }
	| { k: 'membership' }
	| { k: 'blocks' };

export const roomChannel = (groupId: string): string =>
	`room_${groupId.replaceAll('-', '').toLowerCase()}`;

export function parseRoomEvent(payload: string): RoomEvent | null {
	try {
		const e = JSON.parse(payload) as { k?: unknown; s?: unknown; id?: unknown } | null;
		if (!e || typeof e !== 'object') return null;
		if (e.k === 'membership' || e.k === 'blocks') return { k: e.k };
		if (typeof e.s !== 'string') return null;
		if ((e.k === 'message' || e.k === 'moderated') && typeof e.id === 'number')
			return { k: e.k, s: e.s, id: e.id };
		if (e.k === 'state' || e.k === 'presence') return { k: e.k, s: e.s };
		return null;
	} catch {
		return null;
	}
}

/** Announces a room event to every instance, when `tx` commits. */
export function announce(
	tx: Tx,
	bus: RealtimeBus,
	groupId: string,
	event: RoomEvent
): Promise<void> {
	return bus.publish(tx, roomChannel(groupId), JSON.stringify(event));
}

/**
 * Call in the transaction that removes someone from a group (or otherwise ends their access):
 * their open live-room streams, on any instance, close as soon as it commits.
 */
export function announceMembershipChange(tx: Tx, groupId: string): Promise<void> {
	return publish(tx, roomChannel(groupId), JSON.stringify({ k: 'membership' }));
}

/**
 * Like announce with a `state` event, for a change made outside the live room's own controls
 * (closing the group ends its open session): every instance's streams re-read the session.
 */
export function announceSessionState(tx: Tx, groupId: string, sessionId: string): Promise<void> {
	const event: RoomEvent = { k: 'state', s: sessionId };
	return publish(tx, roomChannel(groupId), JSON.stringify(event));
}

/**
 * Call in the transaction that hides or restores a chat message: open rooms, on any instance,
 * drop it or show it again as soon as it commits.
 */
export function announceMessageModerated(
	tx: Tx,
	groupId: string,
	sessionId: string,
	messageId: number
): Promise<void> {
	const event: RoomEvent = { k: 'moderated', s: sessionId, id: messageId };
	return publish(tx, roomChannel(groupId), JSON.stringify(event));
}

/**
 * Call in the transaction that changes someone's blocks (board or room): their open rooms in this
 * group leave out (or show again) the messages of the person concerned once it commits. Rooms of
 * other groups catch up at their next heartbeat.
 */
export function announceBlocksChange(tx: Tx, groupId: string): Promise<void> {
	const event: RoomEvent = { k: 'blocks' };
	return publish(tx, roomChannel(groupId), JSON.stringify(event));
}
