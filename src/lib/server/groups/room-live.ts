// The live room's Server-Sent Events. Per instance and session, one hub holds that instance's
// connections and one bus subscription (one LISTEN per group channel). A notification only wakes
// the hub: it then re-checks everyone's access, reads the messages after the lowest mark from the
// database (never from the payload) and hands each connection the ones after its own mark, in id
// order. Access is re-checked on every membership or state notification and at each heartbeat.
// Message ids in a session are handed out in commit order (see sendChatMessage), so a
// mark never skips a message: no loss, and no duplicates across reconnects (Last-Event-ID).
import { blockedBy } from '../board/board-people';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { rowsOf } from '../db/client';
import type { Actor } from '../access/actor';
import type { RealtimeBus } from '../realtime/bus';
import { logger } from '../logger';
import { notFound } from '../errors';
import { auditGroup, groupSessionFor, peerNames, type GroupRole } from './group-access';
import {
	chatMessages,
	groupAttendance,
	groupFacilitators,
	groupSessions,
	roomPresence,
	sessionRooms
} from './groups.schema';
import { subRoomFor } from './room-access';
import { announce, parseRoomEvent, roomChannel } from './room-notify';

export type LiveDeps = { db: Db; realtime: RealtimeBus; instanceId: string };

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

const HEARTBEAT_MS = 20_000;
/** Presence rows not refreshed for this long belong to a connection (or instance) that is gone. */
const PRESENCE_TTL_SECONDS = 60;
const BATCH = 500;

type Conn = {
	userId: string;
	role: GroupRole;
	roomId: string | null;
	mark: number;
	/** Authors this person blocked: their messages are not sent to them (the mark still moves). */
	blocked: ReadonlySet<string>;
	send: (chunk: string) => void;
	end: () => void;
};

const sse = (event: string, data: unknown, id?: number): string =>
	`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

class Hub {
	readonly conns = new Set<Conn>();
	private unsubscribe: (() => Promise<void>) | null = null;
	private timer: ReturnType<typeof setInterval> | null = null;
	private want = { messages: false, state: false, access: false };
	private pumping: Promise<void> | null = null;
	private names = new Map<string, string | null>();
	private staff = new Set<string>();
	private stopped = false;

	constructor(
		private readonly deps: LiveDeps,
		readonly groupId: string,
		readonly sessionId: string,
		private readonly onEmpty: () => void
	) {}

	async start(): Promise<void> {
		this.unsubscribe = await this.deps.realtime.subscribe(roomChannel(this.groupId), (payload) => {
			const e = parseRoomEvent(payload);
			// '' means the LISTEN connection came back: anything may have been missed.
			if (payload === '' || e?.k === 'membership')
				this.wake({ messages: true, state: true, access: true });
			else if (e && e.s === this.sessionId)
				this.wake(
					e.k === 'message' ? { messages: true } : { state: true, access: e.k === 'state' }
				);
		});
		this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
		this.timer.unref();
	}

	wake(what: Partial<Hub['want']>): void {
		this.want = {
			messages: this.want.messages || !!what.messages,
			state: this.want.state || !!what.state,
			access: this.want.access || !!what.access
		};
		this.pumping ??= this.pump().finally(() => {
			this.pumping = null;
		});
	}

	private async pump(): Promise<void> {
		while (!this.stopped && (this.want.messages || this.want.state || this.want.access)) {
			const want = this.want;
			this.want = { messages: false, state: false, access: false };
			try {
				if (want.access) await this.checkAccess();
				if (want.state) await this.sendState();
				if (want.messages) await this.sendMessages();
			} catch (e) {
				logger.error({ err: e instanceof Error ? e.message : 'unknown' }, 'live room pump');
			}
		}
	}

	/** Closes the streams of anyone who lost access (removed, left, taken out of a sub-room). */
	private async checkAccess(): Promise<void> {
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
		const base = {
			status: session.status,
			timerEndsAt: session.timerEndsAt?.toISOString() ?? null,
			agenda: session.agenda,
			slowModeSeconds: session.slowModeSeconds,
			here: here.map((id) => ({ name: this.names.get(id) ?? null, staff: this.staff.has(id) }))
		};
		for (const c of this.conns) {
			const visible = rooms.filter((r) => c.role !== 'member' || r.memberIds.includes(c.userId));
			const state: RoomState = { ...base, rooms: visible.map(({ id, name }) => ({ id, name })) };
			c.send(sse('state', state));
		}
	}

	private async sendMessages(): Promise<void> {
		for (;;) {
			// Only the connections present now: one added while the query runs has a mark of its
			// own below `from`, and is served by the next round (its arrival woke the hub again).
			const targets = [...this.conns];
			if (targets.length === 0) return;
			const from = Math.min(...targets.map((c) => c.mark));
			const batch = await this.deps.db
				.select({
					id: chatMessages.id,
					roomId: chatMessages.roomId,
					authorId: chatMessages.authorId,
					body: chatMessages.body,
					createdAt: chatMessages.createdAt
				})
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
				for (const m of batch) {
					if (m.id <= c.mark || m.roomId !== c.roomId || c.blocked.has(m.authorId)) continue;
					const message: RoomMessage = {
						id: m.id,
						author: this.names.get(m.authorId) ?? null,
						staff: this.staff.has(m.authorId),
						mine: m.authorId === c.userId,
						body: m.body,
						at: m.createdAt.toISOString()
					};
					c.send(sse('message', message, m.id));
				}
				if (c.mark < last.id) c.mark = last.id;
			}
			if (batch.length < BATCH) return;
		}
	}

	/** Keeps connections open through proxies, and this instance's presence rows fresh. */
	private async heartbeat(): Promise<void> {
		for (const c of this.conns) c.send(': hb\n\n');
		// Access changes are announced ('membership'); this catches one that was not.
		this.wake({ access: true });
		try {
			const { db, instanceId } = this.deps;
			await db
				.update(roomPresence)
				.set({ seenAt: new Date() })
				.where(
					and(eq(roomPresence.sessionId, this.sessionId), eq(roomPresence.instanceId, instanceId))
				);
			const stale = await db
				.delete(roomPresence)
				.where(
					and(
						eq(roomPresence.sessionId, this.sessionId),
						lt(roomPresence.seenAt, new Date(Date.now() - PRESENCE_TTL_SECONDS * 1000))
					)
				)
				.returning({ userId: roomPresence.userId });
			if (stale.length > 0) this.wake({ state: true });
		} catch (e) {
			logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'live room heartbeat');
		}
	}

	/** False when the hub already stopped (its last connection left meanwhile): get a new one. */
	add(conn: Conn): boolean {
		if (this.stopped) return false;
		this.conns.add(conn);
		this.wake({ messages: true, state: true });
		return true;
	}

	async remove(conn: Conn): Promise<void> {
		if (!this.conns.delete(conn)) return;
		const stillHere = [...this.conns].some((c) => c.userId === conn.userId);
		if (this.conns.size === 0) await this.stop();
		if (stillHere) return;
		const { db, realtime, instanceId } = this.deps;
		await db
			.transaction(async (tx) => {
				await tx
					.delete(roomPresence)
					.where(
						and(
							eq(roomPresence.sessionId, this.sessionId),
							eq(roomPresence.userId, conn.userId),
							eq(roomPresence.instanceId, instanceId)
						)
					);
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
		this.timer = null;
		const unsubscribe = this.unsubscribe;
		this.unsubscribe = null;
		await unsubscribe?.();
		await this.pumping;
	}

	closeAll(): void {
		for (const c of [...this.conns]) c.end();
	}
}

/** Hubs per app (tests run two apps in one process), per session. */
const registries = new WeakMap<RealtimeBus, Map<string, Promise<Hub>>>();

function hubFor(deps: LiveDeps, groupId: string, sessionId: string): Promise<Hub> {
	let hubs = registries.get(deps.realtime);
	if (!hubs) {
		hubs = new Map();
		registries.set(deps.realtime, hubs);
	}
	const registry = hubs;
	let hub = registry.get(sessionId);
	if (!hub) {
		const created: Promise<Hub> = (async () => {
			const h = new Hub(deps, groupId, sessionId, () => {
				if (registry.get(sessionId) === created) registry.delete(sessionId);
			});
			await h.start();
			return h;
		})();
		created.catch(() => registry.delete(sessionId));
		registry.set(sessionId, created);
		hub = created;
	}
	return hub;
}

/** Leaves (presence rows being removed) still under way, per app. */
const leaving = new WeakMap<RealtimeBus, Set<Promise<void>>>();

/** Ends every live connection of this app and waits for them to leave (shutdown, tests). */
export async function closeLiveRooms(deps: Pick<LiveDeps, 'realtime'>): Promise<void> {
	for (const hub of registries.get(deps.realtime)?.values() ?? []) (await hub).closeAll();
	await Promise.all(leaving.get(deps.realtime) ?? []);
}

/** The people with a live connection to a session, on any instance. */
export async function presentIn(db: Db | Tx, sessionId: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ userId: roomPresence.userId })
		.from(roomPresence)
		.where(
			and(
				eq(roomPresence.sessionId, sessionId),
				gt(roomPresence.seenAt, new Date(Date.now() - PRESENCE_TTL_SECONDS * 1000))
			)
		);
	return rows.map((r) => r.userId);
}

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
 * person loses access ('gone' event), or at shutdown.
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
				await auditGroup(tx, access.actor, site.id, {
					action: 'group.attendance.live',
					entityType: 'group_session',
					entityId: session.id,
					details: { groupId: group.id }
				});
		}
		await tx
			.insert(roomPresence)
			.values({ sessionId: session.id, userId: me, instanceId })
			.onConflictDoUpdate({
				target: [roomPresence.sessionId, roomPresence.userId, roomPresence.instanceId],
				set: { seenAt: new Date() }
			});
		await auditGroup(tx, access.actor, site.id, {
			action: 'group.room.stream',
			entityType: 'group_session',
			entityId: session.id,
			details: { groupId: group.id, roomId: room?.id ?? null, after: input.after }
		});
		await announce(tx, realtime, group.id, { k: 'presence', s: session.id });
		const blocked = await blockedBy(tx, site.id, me);
		return { userId: me, role: access.role, groupId: group.id, roomId: room?.id ?? null, blocked };
	});

	const encoder = new TextEncoder();
	let conn: Conn | null = null;
	let hub: Hub | null = null;
	let open = true;
	const finish = () => {
		if (!open) return;
		open = false;
		signal.removeEventListener('abort', finish);
		if (!hub || !conn) return;
		let pending = leaving.get(realtime);
		if (!pending) leaving.set(realtime, (pending = new Set()));
		const left = hub.remove(conn).catch(() => undefined);
		const set = pending;
		set.add(left);
		void left.finally(() => set.delete(left));
	};
	return new ReadableStream<Uint8Array>({
		start: async (controller) => {
			conn = {
				userId: joined.userId,
				role: joined.role,
				roomId: joined.roomId,
				mark: input.after,
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
			// Reconnect after 2 s by default; the browser then sends Last-Event-ID.
			controller.enqueue(encoder.encode('retry: 2000\n\n'));
			if (signal.aborted) return finish();
			signal.addEventListener('abort', finish);
			for (;;) {
				hub = await hubFor(deps, joined.groupId, input.sessionId);
				if (!open || hub.add(conn)) break;
			}
		},
		cancel: finish
	});
}
