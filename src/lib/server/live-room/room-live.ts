// The live room's Server-Sent Events. Per instance and session, one hub holds that instance's
// connections and one bus subscription (one LISTEN per group channel). A notification only wakes
// the hub: it then re-checks everyone's access, reads the messages after the lowest mark from the
// database (never from the payload) and hands each connection the ones after its own mark, in id
// order. Access is re-checked on every membership or state notification and at each heartbeat,
// and every connection's sign-in session every few seconds (checkSessions).
// Message ids in a session are handed out in commit order (see sendChatMessage), so a
// mark never skips a message: no loss, and no duplicates across reconnects (Last-Event-ID).
// Corrections to what a connection already has — a message hidden or restored by a moderator, a
// person blocked or unblocked — travel without an event id ('remove', or 'message' again), so
// they never move anyone's Last-Event-ID. A (re)connecting client also gets the removals it may
// have missed while away. What each connection gets is decided in delivery.ts; who is here is
// presence.ts.
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/client';
import type { RealtimeBus } from '../realtime/bus';
import { logger } from '../logger';
import { peerNames } from '../people/names';
import { chatMessages, sessionRooms } from './live-room.schema';
import { groupFacilitators, groupSessions } from '../groups/groups.schema';
import { memberBlocks } from '../safety/safety.schema';
import { session, user } from '../db/auth.schema';
import { announce, parseRoomEvent, roomChannel } from '../realtime/room-events';
import { leavePresence, presentIn, refreshPresence } from './presence';
import {
	blockChanges,
	blockCorrections,
	missedRemovals,
	moderatedFor,
	newMessages,
	sse,
	stateFor,
	type Authors,
	type ChatRow,
	type Conn,
	type RoomState
} from './delivery';

export type LiveDeps = {
	db: Db;
	realtime: RealtimeBus;
	instanceId: string;
	/** How often open streams' sign-in sessions are re-checked, in ms (tests set it shorter). */
	sessionCheckMs?: number;
};

const HEARTBEAT_MS = 20_000;
/** A stream ends within this long of its session ending, however it ended, on every instance. */
const SESSION_CHECK_MS = 3_000;
const BATCH = 500;
/** At most this many ids in one correction, and messages shown again after an unblock. */
const CORRECTIONS = 2000;
const SHOWN_AGAIN = 200;

const messageColumns = {
	id: chatMessages.id,
	roomId: chatMessages.roomId,
	authorId: chatMessages.authorId,
	body: chatMessages.body,
	createdAt: chatMessages.createdAt
};

const none = { messages: false, state: false, access: false, blocks: false };

export class Hub {
	readonly conns = new Set<Conn>();
	private unsubscribe: (() => Promise<void>) | null = null;
	private timer: ReturnType<typeof setInterval> | null = null;
	private sessionTimer: ReturnType<typeof setInterval> | null = null;
	private want = { ...none };
	/** Messages a moderator hid or restored since the last round. */
	private moderated = new Set<number>();
	/** Connections that have not yet been told what changed while they were away. */
	private fresh = new Set<Conn>();
	private pumping: Promise<void> | null = null;
	private names = new Map<string, string | null>();
	private staff = new Set<string>();
	private stopped = false;

	constructor(
		private readonly deps: LiveDeps,
		readonly siteId: string,
		readonly groupId: string,
		readonly sessionId: string,
		private readonly onEmpty: () => void
	) {}

	async start(): Promise<void> {
		this.unsubscribe = await this.deps.realtime.subscribe(roomChannel(this.groupId), (payload) => {
			const e = parseRoomEvent(payload);
			// '' means the LISTEN connection came back: anything may have been missed.
			if (payload === '') {
				for (const c of this.conns) {
					c.since = c.mark;
					this.fresh.add(c);
				}
				this.wake({ messages: true, state: true, access: true, blocks: true });
			} else if (e?.k === 'membership') this.wake({ messages: true, state: true, access: true });
			else if (e?.k === 'blocks') this.wake({ blocks: true });
			else if (e?.k === 'moderated' && e.s === this.sessionId) {
				this.moderated.add(e.id);
				this.wake({});
			} else if (e && 's' in e && e.s === this.sessionId)
				this.wake(
					e.k === 'message' ? { messages: true } : { state: true, access: e.k === 'state' }
				);
		});
		this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
		this.timer.unref();
		// Sign-out, deletion of the row, a disabled account and idle expiry leave no event
		// behind, so the sessions are read again: one query per hub, for all its connections.
		this.sessionTimer = setInterval(
			() => this.wake({ access: true }),
			this.deps.sessionCheckMs ?? SESSION_CHECK_MS
		);
		this.sessionTimer.unref();
	}

	wake(what: Partial<Hub['want']>): void {
		this.want = {
			messages: this.want.messages || !!what.messages,
			state: this.want.state || !!what.state,
			access: this.want.access || !!what.access,
			blocks: this.want.blocks || !!what.blocks
		};
		this.pumping ??= this.pump().finally(() => {
			this.pumping = null;
		});
	}

	private get pending(): boolean {
		const w = this.want;
		return (
			w.messages || w.state || w.access || w.blocks || this.moderated.size + this.fresh.size > 0
		);
	}

	private async pump(): Promise<void> {
		while (!this.stopped && this.pending) {
			const want = this.want;
			this.want = { ...none };
			const moderated = [...this.moderated];
			this.moderated.clear();
			const fresh = [...this.fresh];
			this.fresh.clear();
			try {
				if (want.access) await this.checkAccess();
				if (want.blocks) await this.rereadBlocks();
				if (fresh.length > 0) await this.catchUp(fresh);
				if (moderated.length > 0) await this.sendModerated(moderated);
				if (want.state) await this.sendState();
				if (want.messages) await this.sendMessages();
			} catch (e) {
				logger.error({ err: e instanceof Error ? e.message : 'unknown' }, 'live room pump');
			}
		}
	}

	/**
	 * Closes the streams whose sign-in session ended: signed out, row deleted, expired, idle too
	 * long, or the account disabled. The browser's reconnect is then refused by the usual auth.
	 */
	private async checkSessions(): Promise<void> {
		const conns = [...this.conns];
		if (conns.length === 0) return;
		const rows = await this.deps.db
			.select({
				id: session.id,
				userId: session.userId,
				expiresAt: session.expiresAt,
				lastSeenAt: session.lastSeenAt,
				createdAt: session.createdAt
			})
			.from(session)
			.innerJoin(user, eq(user.id, session.userId))
			.where(
				and(
					inArray(session.id, [...new Set(conns.map((c) => c.sessionId))]),
					isNull(user.disabledAt)
				)
			);
		const live = new Map(rows.map((r) => [r.id, r]));
		const now = Date.now();
		for (const c of conns) {
			const s = live.get(c.sessionId);
			const ok =
				!!s &&
				s.userId === c.userId &&
				s.expiresAt.getTime() > now &&
				now - (s.lastSeenAt ?? s.createdAt).getTime() <= c.idleMs;
			if (!ok) {
				c.send(sse('gone', {}));
				c.end();
			}
		}
	}

	/** Closes the streams of anyone who lost access (removed, left, taken out of a sub-room). */
	private async checkAccess(): Promise<void> {
		await this.checkSessions();
		const people = [...this.conns].filter((c) => c.role !== 'moderator');
		if (people.length === 0) return;
		const ids = [...new Set(people.map((c) => c.userId))];
		const list = sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `
		);
		const rows = await this.deps.db.execute(sql`
			select user_id from group_members
			where group_id = ${this.groupId} and status = 'member' and user_id in (${list})
			union
			select user_id from group_facilitators
			where group_id = ${this.groupId} and user_id in (${list})`);
		const allowed = new Set(rowsOf<{ user_id: string }>(rows).map((r) => r.user_id));
		const roomIds = [...new Set(people.flatMap((c) => (c.roomId ? [c.roomId] : [])))];
		const rooms = roomIds.length
			? await this.deps.db
					.select({
						id: sessionRooms.id,
						memberIds: sessionRooms.memberIds,
						closedAt: sessionRooms.closedAt
					})
					.from(sessionRooms)
					.where(inArray(sessionRooms.id, roomIds))
			: [];
		const roomOf = new Map(rooms.map((r) => [r.id, r]));
		for (const c of people) {
			let ok = allowed.has(c.userId);
			if (ok && c.roomId && c.role === 'member') {
				const room = roomOf.get(c.roomId);
				ok = !!room && !room.closedAt && room.memberIds.includes(c.userId);
			}
			if (!ok) {
				c.send(sse('gone', {}));
				c.end();
			}
		}
	}

	private get authors(): Authors {
		return { names: this.names, staff: this.staff };
	}

	private async namesOf(ids: string[]): Promise<void> {
		const missing = ids.filter((id) => !this.names.has(id));
		if (missing.length === 0) return;
		for (const [id, name] of await peerNames(this.deps.db, missing, this.staff))
			this.names.set(id, name);
	}

	private async sendState(): Promise<void> {
		const { db } = this.deps;
		const staff = await db
			.select({ userId: groupFacilitators.userId })
			.from(groupFacilitators)
			.where(eq(groupFacilitators.groupId, this.groupId));
		const staffIds = new Set(staff.map((s) => s.userId));
		if ([...staffIds].some((id) => !this.staff.has(id))) this.names.clear();
		this.staff = staffIds;
		const [session] = await db
			.select()
			.from(groupSessions)
			.where(eq(groupSessions.id, this.sessionId))
			.limit(1);
		if (!session) return;
		const rooms = await db
			.select({ id: sessionRooms.id, name: sessionRooms.name, memberIds: sessionRooms.memberIds })
			.from(sessionRooms)
			.where(
				and(eq(sessionRooms.sessionId, this.sessionId), sql`${sessionRooms.closedAt} is null`)
			);
		const here = await presentIn(db, this.sessionId);
		await this.namesOf(here);
		const base: Omit<RoomState, 'rooms'> = {
			status: session.status,
			timerEndsAt: session.timerEndsAt?.toISOString() ?? null,
			agenda: session.agenda,
			slowModeSeconds: session.slowModeSeconds,
			here: here.map((id) => ({ name: this.names.get(id) ?? null, staff: this.staff.has(id) }))
		};
		for (const c of this.conns) c.send(stateFor(c, base, rooms));
	}

	private async sendMessages(): Promise<void> {
		for (;;) {
			// Only the connections present now: one added while the query runs has a mark of its
			// own below `from`, and is served by the next round (its arrival woke the hub again).
			const targets = [...this.conns];
			if (targets.length === 0) return;
			const from = Math.min(...targets.map((c) => c.mark));
			const batch = await this.deps.db
				.select(messageColumns)
				.from(chatMessages)
				.where(
					and(
						eq(chatMessages.sessionId, this.sessionId),
						gt(chatMessages.id, from),
						sql`${chatMessages.hiddenAt} is null`
					)
				)
				.orderBy(chatMessages.id)
				.limit(BATCH);
			const last = batch.at(-1);
			if (!last) return;
			await this.namesOf(batch.map((m) => m.authorId));
			for (const c of targets) {
				if (!this.conns.has(c)) continue;
				for (const chunk of newMessages(c, batch, this.authors)) c.send(chunk);
				if (c.mark < last.id) c.mark = last.id;
			}
			if (batch.length < BATCH) return;
		}
	}

	/** Messages hidden or restored by a moderator: read from the database, never the payload. */
	private async sendModerated(ids: number[]): Promise<void> {
		const rows = await this.deps.db
			.select({ ...messageColumns, hiddenAt: chatMessages.hiddenAt })
			.from(chatMessages)
			.where(and(eq(chatMessages.sessionId, this.sessionId), inArray(chatMessages.id, ids)))
			.orderBy(chatMessages.id);
		await this.namesOf(rows.map((m) => m.authorId));
		for (const c of this.conns)
			for (const chunk of moderatedFor(c, rows, this.authors)) c.send(chunk);
	}

	/**
	 * Re-reads whom everyone here blocked (a 'blocks' notification, or the heartbeat for blocks made
	 * in another group): a newly blocked person's messages are removed, an unblocked one's shown.
	 */
	private async rereadBlocks(): Promise<void> {
		const conns = [...this.conns];
		if (conns.length === 0) return;
		const rows = await this.deps.db
			.select({ blockerId: memberBlocks.blockerId, blockedId: memberBlocks.blockedId })
			.from(memberBlocks)
			.where(
				and(
					eq(memberBlocks.siteId, this.siteId),
					inArray(memberBlocks.blockerId, [...new Set(conns.map((c) => c.userId))])
				)
			);
		const changes = blockChanges(conns, rows);
		if (changes.size === 0) return;
		const all = [...changes.values()];
		const mark = Math.max(...[...changes.keys()].map((c) => c.mark));
		const dropped = await this.messagesBy(
			all.flatMap((x) => x.added),
			mark,
			CORRECTIONS
		);
		const shown = await this.messagesBy(
			all.flatMap((x) => x.removed),
			mark,
			SHOWN_AGAIN
		);
		await this.namesOf(shown.map((m) => m.authorId));
		for (const [c, x] of changes) {
			if (!this.conns.has(c)) continue;
			c.blocked = x.now;
			for (const chunk of blockCorrections(c, x, dropped, shown, this.authors)) c.send(chunk);
			// The page reloads its list of people blocked (made in another window, or on the board).
			c.send(sse('blocks', {}));
		}
	}

	/** The latest visible messages of these authors in the session, up to `mark`, oldest first. */
	private async messagesBy(authors: string[], mark: number, limit: number): Promise<ChatRow[]> {
		if (authors.length === 0 || mark === 0) return [];
		const rows = await this.deps.db
			.select(messageColumns)
			.from(chatMessages)
			.where(
				and(
					eq(chatMessages.sessionId, this.sessionId),
					lte(chatMessages.id, mark),
					inArray(chatMessages.authorId, [...new Set(authors)]),
					sql`${chatMessages.hiddenAt} is null`
				)
			)
			.orderBy(desc(chatMessages.id))
			.limit(limit);
		return rows.reverse();
	}

	/**
	 * A (re)connected client may still show messages hidden, or written by someone it blocked,
	 * while it was away (between page load and stream, or during a reconnect): it drops them now.
	 */
	private async catchUp(conns: Conn[]): Promise<void> {
		const targets = conns.filter((c) => this.conns.has(c) && c.since > 0);
		if (targets.length === 0) return;
		const blocked = [...new Set(targets.flatMap((c) => [...c.blocked]))];
		const rows = await this.deps.db
			.select({
				id: chatMessages.id,
				roomId: chatMessages.roomId,
				authorId: chatMessages.authorId,
				hiddenAt: chatMessages.hiddenAt
			})
			.from(chatMessages)
			.where(
				and(
					eq(chatMessages.sessionId, this.sessionId),
					lte(chatMessages.id, Math.max(...targets.map((c) => c.since))),
					blocked.length > 0
						? or(isNotNull(chatMessages.hiddenAt), inArray(chatMessages.authorId, blocked))
						: isNotNull(chatMessages.hiddenAt)
				)
			)
			.orderBy(desc(chatMessages.id))
			.limit(CORRECTIONS);
		for (const c of targets) for (const chunk of missedRemovals(c, rows)) c.send(chunk);
	}

	/** Keeps connections open through proxies, and this instance's presence rows fresh. */
	private async heartbeat(): Promise<void> {
		for (const c of this.conns) c.send(': hb\n\n');
		// Access and block changes are announced; this catches one that was not (another group's).
		this.wake({ access: true, blocks: true });
		try {
			const { db, instanceId } = this.deps;
			if (await refreshPresence(db, { sessionId: this.sessionId, instanceId }))
				this.wake({ state: true });
		} catch (e) {
			logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'live room heartbeat');
		}
	}

	/** False when the hub already stopped (its last connection left meanwhile): get a new one. */
	add(conn: Conn): boolean {
		if (this.stopped) return false;
		this.conns.add(conn);
		this.fresh.add(conn);
		this.wake({ messages: true, state: true });
		return true;
	}

	async remove(conn: Conn): Promise<void> {
		if (!this.conns.delete(conn)) return;
		this.fresh.delete(conn);
		const stillHere = [...this.conns].some((c) => c.userId === conn.userId);
		if (this.conns.size === 0) await this.stop();
		if (stillHere) return;
		const { db, realtime, instanceId } = this.deps;
		await db
			.transaction(async (tx) => {
				await leavePresence(tx, { sessionId: this.sessionId, userId: conn.userId, instanceId });
				await announce(tx, realtime, this.groupId, { k: 'presence', s: this.sessionId });
			})
			.catch((e: unknown) =>
				logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'live room leave')
			);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		this.onEmpty();
		if (this.timer) clearInterval(this.timer);
		if (this.sessionTimer) clearInterval(this.sessionTimer);
		this.timer = null;
		this.sessionTimer = null;
		const unsubscribe = this.unsubscribe;
		this.unsubscribe = null;
		await unsubscribe?.();
		await this.pumping;
	}

	closeAll(): void {
		for (const c of [...this.conns]) c.end();
	}
}
