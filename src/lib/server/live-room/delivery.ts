// What a live-room connection is sent, decided without the database: the Server-Sent Events wire
// format, and which of the rows the hub read each connection gets. A connection sees only its own
// (sub-)room, never a message by someone it blocked, and a new message only above its mark; a
// correction to a message it already has travels without an event id, so Last-Event-ID never
// moves back.
import type { GroupRole } from '../groups/group-access';

/** A message as the room shows it; `author` is a pseudonym (members) or a name (staff). */
export type RoomMessage = {
	id: number;
	author: string | null;
	staff: boolean;
	mine: boolean;
	body: string;
	at: string;
};

/** The pinned parts of the room and who is here, sent whenever they change. */
export type RoomState = {
	status: string;
	timerEndsAt: string | null;
	agenda: string | null;
	slowModeSeconds: number;
	rooms: { id: string; name: string }[];
	here: { name: string | null; staff: boolean }[];
};

export type Conn = {
	userId: string;
	/** The sign-in session the stream was opened with: the stream ends when it does. */
	sessionId: string;
	/** How long that session may sit idle (staff are timed out sooner), in ms. */
	idleMs: number;
	role: GroupRole;
	roomId: string | null;
	mark: number;
	/** Authors this person blocked: their messages are not sent to them (the mark still moves). */
	blocked: ReadonlySet<string>;
	/**
	 * Up to which id this person may show messages the hub has not vetted since: what they had
	 * before this connection (page, earlier stream), or everything after a lost LISTEN.
	 */
	since: number;
	send: (chunk: string) => void;
	end: () => void;
};

/** A chat message as the hub reads it. */
export type ChatRow = {
	id: number;
	roomId: string | null;
	authorId: string;
	body: string;
	createdAt: Date;
};

/** How the hub names authors: pseudonyms or staff names by user id, and who is staff. */
export type Authors = {
	names: ReadonlyMap<string, string | null>;
	staff: ReadonlySet<string>;
};

export const sse = (event: string, data: unknown, id?: number): string =>
	`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export function toRoomMessage(m: ChatRow, c: Conn, authors: Authors): RoomMessage {
	return {
		id: m.id,
		author: authors.names.get(m.authorId) ?? null,
		staff: authors.staff.has(m.authorId),
		mine: m.authorId === c.userId,
		body: m.body,
		at: m.createdAt.toISOString()
	};
}

/** The room state as this connection sees it: a member sees only the sub-rooms they are in. */
export function stateFor(
	c: Conn,
	base: Omit<RoomState, 'rooms'>,
	rooms: readonly { id: string; name: string; memberIds: string[] }[]
): string {
	const visible = rooms.filter((r) => c.role !== 'member' || r.memberIds.includes(c.userId));
	const state: RoomState = { ...base, rooms: visible.map(({ id, name }) => ({ id, name })) };
	return sse('state', state);
}

/** The messages of a batch (in id order) this connection gets, each with its event id. */
export function newMessages(c: Conn, batch: readonly ChatRow[], authors: Authors): string[] {
	return batch
		.filter((m) => m.id > c.mark && m.roomId === c.roomId && !c.blocked.has(m.authorId))
		.map((m) => sse('message', toRoomMessage(m, c, authors), m.id));
}

/**
 * Messages a connection already has (id ≤ its mark) that it must now drop or show again. A
 * message shown again carries no event id: the browser's Last-Event-ID stays where it was.
 */
export function corrections(
	c: Conn,
	drop: readonly number[],
	show: readonly ChatRow[],
	authors: Authors
): string[] {
	const mine = (id: number, roomId: string | null) => id <= c.mark && roomId === c.roomId;
	const chunks = drop.length > 0 ? [sse('remove', { ids: drop })] : [];
	for (const m of show)
		if (mine(m.id, m.roomId)) chunks.push(sse('message', toRoomMessage(m, c, authors)));
	return chunks;
}

/** Messages a moderator hid or restored: the ones this connection has, dropped or shown again. */
export function moderatedFor(
	c: Conn,
	rows: readonly (ChatRow & { hiddenAt: Date | null })[],
	authors: Authors
): string[] {
	const had = rows.filter((m) => m.id <= c.mark && m.roomId === c.roomId);
	return corrections(
		c,
		had.filter((m) => m.hiddenAt).map((m) => m.id),
		had.filter((m) => !m.hiddenAt && !c.blocked.has(m.authorId)),
		authors
	);
}

/** Whom a connection blocks now, and who was added to or taken off that list. */
export type BlockChange = { now: Set<string>; added: string[]; removed: string[] };

/** The connections whose blocks differ from `rows` (everyone's block rows on the site). */
export function blockChanges(
	conns: readonly Conn[],
	rows: readonly { blockerId: string; blockedId: string }[]
): Map<Conn, BlockChange> {
	const changes = new Map<Conn, BlockChange>();
	for (const c of conns) {
		const now = new Set(rows.filter((r) => r.blockerId === c.userId).map((r) => r.blockedId));
		const added = [...now].filter((id) => !c.blocked.has(id));
		const removed = [...c.blocked].filter((id) => !now.has(id));
		if (added.length + removed.length > 0) changes.set(c, { now, added, removed });
	}
	return changes;
}

/**
 * After a block change: a newly blocked person's messages dropped, an unblocked one's shown again
 * (from `dropped` and `shown`, the latest of those authors' messages).
 */
export function blockCorrections(
	c: Conn,
	change: BlockChange,
	dropped: readonly ChatRow[],
	shown: readonly ChatRow[],
	authors: Authors
): string[] {
	const drop = dropped.filter(
		(m) => change.added.includes(m.authorId) && m.id <= c.mark && m.roomId === c.roomId
	);
	return corrections(
		c,
		drop.map((m) => m.id),
		shown.filter((m) => change.removed.includes(m.authorId)),
		authors
	);
}

/**
 * What a (re)connected client may still show but must drop: messages hidden, or written by
 * someone it blocked, up to its `since` (`rows` newest first).
 */
export function missedRemovals(
	c: Conn,
	rows: readonly { id: number; roomId: string | null; authorId: string; hiddenAt: Date | null }[]
): string[] {
	const drop = rows
		.filter(
			(m) =>
				m.id <= c.since &&
				m.roomId === c.roomId &&
				(m.hiddenAt !== null || c.blocked.has(m.authorId))
		)
		.map((m) => m.id)
		.reverse();
	return drop.length > 0 ? [sse('remove', { ids: drop })] : [];
}
