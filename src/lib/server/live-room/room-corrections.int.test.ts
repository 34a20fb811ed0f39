// What an open live room does when a message it already shows must go or come back: hidden or
// restored by a moderator, its author blocked or unblocked from the room. Corrections carry no
// event id, so a reconnect with Last-Event-ID still replays each message once, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createApp, type App } from '../app';
import { openDatabase } from '../db/client';
import type { Actor } from '../access/actor';
import { auditLog } from '../audit/audit.schema';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { bodiesOf, readSse, type SseEvent } from '../testing/sse';
import { reportContent } from '../moderation/report-content';
import { moderate } from '../moderation/moderate';
import { blockMember } from '../board/block-member';
import { postThread } from '../board/post-to-board';
import { roomPresence } from './live-room.schema';
import { getRoom } from './get-room';
import { sendChatMessage } from './send-chat-message';
import { openSubRoom, setRoomStatus } from './room-controls';
import { blockFromRoom } from './block-from-room';
import { closeLiveRooms } from './hubs';
import { openRoomStream } from './open-room-stream';

const one = <T>(xs: T[], i = 0): T => {
	const x = xs[i];
	if (x === undefined) throw new Error(`no item ${i}`);
	return x;
};

type Ids = { groupId: string; sessionId: string };

async function openGroup(app: App) {
	const site = await makeSite(app);
	const g = await makeGroup(app, site, { members: 3, sessions: 1 });
	const ids: Ids = { groupId: g.groupId, sessionId: one(g.sessionIds) };
	await setRoomStatus({
		db: app.db,
		bus: app.realtime,
		actor: one(g.facilitators),
		input: { ...ids, status: 'open' }
	});
	const moderator = (await makePerson(app, site, ['moderator'])).actor;
	return { ...g, site, ids, moderator };
}

function stream(app: App, actor: Actor, ids: Ids, after = 0, roomId?: string) {
	const abort = new AbortController();
	return openRoomStream({
		deps: app,
		actor,
		input: { ...ids, roomId, after },
		signal: abort.signal
	}).then((s) => ({ ...readSse(s), abort }));
}

const send = (app: App, actor: Actor, ids: Ids, body: string, roomId?: string) =>
	sendChatMessage({
		db: app.db,
		bus: app.realtime,
		actor,
		input: { ...ids, clientId: randomUUID(), body, roomId }
	});

/** What the room page shows after these events, starting from what it had. */
function shown(events: SseEvent[], had: { id: number; body: string }[] = []): string[] {
	const list = new Map<number, string>(had.map((m) => [m.id, m.body]));
	for (const e of events) {
		const data = JSON.parse(e.data) as { id: number; body: string; ids?: number[] };
		if (e.event === 'message') list.set(data.id, data.body);
		if (e.event === 'remove') for (const id of data.ids ?? []) list.delete(id);
	}
	return [...list.entries()].sort(([a], [b]) => a - b).map(([, body]) => body);
}

const removals = (events: SseEvent[]): number[] =>
	events
		.filter((e) => e.event === 'remove')
		.flatMap((e) => (JSON.parse(e.data) as { ids: number[] }).ids);

/** The last event id a browser would send back on reconnect. */
const lastEventId = (events: SseEvent[]): string | undefined =>
	events.filter((e) => e.id !== undefined).at(-1)?.id;

async function moderateMessage(
	app: App,
	reporter: Actor,
	moderator: Actor,
	groupId: string,
	messageId: number,
	actions: ('hide' | 'restore' | 'remove')[]
) {
	const { itemId } = await reportContent({
		db: app.db,
		actor: reporter,
		input: { groupId, targetType: 'chat_message', targetId: String(messageId), reason: 'Unkind' }
	});
	for (const action of actions)
		await moderate({ db: app.db, actor: moderator, input: { itemId, action, reason: 'Checked' } });
	return itemId;
}

const close = async (...streams: { abort: AbortController; cancel: () => Promise<void> }[]) => {
	for (const s of streams) {
		s.abort.abort();
		await s.cancel();
	}
};

describe.each(dbKinds)('corrections in an open live room on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('a message a moderator hides leaves every open room at once, and comes back when restored', async () => {
		const g = await openGroup(app);
		const [writer, reader] = [one(g.members), one(g.members, 1)];
		const fac = one(g.facilitators);
		const live = await stream(app, reader, g.ids);
		const watching = await stream(app, fac, g.ids);
		const hurtful = await send(app, writer, g.ids, 'Something hurtful');
		const kind = await send(app, fac, g.ids, 'Let us keep it kind');
		await live.until((es) => bodiesOf(es).length >= 2);
		await watching.until((es) => bodiesOf(es).length >= 2);

		const itemId = await moderateMessage(app, reader, g.moderator, g.groupId, hurtful.id, ['hide']);
		await live.until((es) => removals(es).includes(hurtful.id));
		await watching.until((es) => removals(es).includes(hurtful.id));
		expect(shown(live.events)).toEqual(['Let us keep it kind']);
		const view = await getRoom({ db: app.db, actor: reader, input: g.ids });
		expect(view.messages.map((m) => m.body)).toEqual(['Let us keep it kind']);
		// The notice names the message only: no text of it travels.
		const notice = live.events.find((e) => e.event === 'remove');
		expect(notice?.id).toBeUndefined();
		expect(notice?.data).not.toContain('hurtful');

		await moderate({
			db: app.db,
			actor: g.moderator,
			input: { itemId, action: 'restore', reason: 'On reflection it was fine' }
		});
		await live.until((es) => bodiesOf(es).filter((b) => b === 'Something hurtful').length === 2);
		expect(shown(live.events)).toEqual(['Something hurtful', 'Let us keep it kind']);
		// Shown again without an event id: the browser's Last-Event-ID did not move back.
		const again = live.events.filter((e) => e.event === 'message').at(-1);
		expect(again?.id).toBeUndefined();

		const after = await send(app, writer, g.ids, 'Thank you');
		await live.until((es) => bodiesOf(es).includes('Thank you'));
		const ids = live.events.flatMap((e) => (e.id ? [Number(e.id)] : []));
		expect(ids).toEqual([hurtful.id, kind.id, after.id]);
		expect(lastEventId(live.events)).toBe(String(after.id));
		await close(live, watching);
	});

	it('a room opened before a hide, that connects after it, drops the message as it connects', async () => {
		const g = await openGroup(app);
		const [writer, reader] = [one(g.members), one(g.members, 1)];
		const first = await send(app, writer, g.ids, 'Before the page loaded');
		const page = await getRoom({ db: app.db, actor: reader, input: g.ids });
		expect(page.messages.map((m) => m.body)).toEqual(['Before the page loaded']);
		await moderateMessage(app, reader, g.moderator, g.groupId, first.id, ['hide']);

		const live = await stream(app, reader, g.ids, first.id);
		await live.until((es) => removals(es).includes(first.id));
		expect(shown(live.events)).toEqual([]);
		await close(live);
	});

	it('removing an author from the group closes their room but leaves their messages, as on the board', async () => {
		const g = await openGroup(app);
		const [writer, reader] = [one(g.members), one(g.members, 1)];
		const theirs = await send(app, writer, g.ids, 'My last words here');
		const live = await stream(app, reader, g.ids);
		const gone = await stream(app, writer, g.ids);
		await live.until((es) => bodiesOf(es).length === 1);
		await moderateMessage(app, reader, g.moderator, g.groupId, theirs.id, ['remove']);
		await gone.until((es) => es.some((e) => e.event === 'gone'));
		await new Promise((r) => setTimeout(r, 300));
		expect(removals(live.events)).toEqual([]);
		const view = await getRoom({ db: app.db, actor: reader, input: g.ids });
		expect(view.messages.map((m) => m.body)).toEqual(['My last words here']);
		await close(live);
	});

	it('a member blocks another from the room: their messages leave that member’s open room only, and come back on unblock', async () => {
		const g = await openGroup(app);
		const [me, them, other] = [one(g.members), one(g.members, 1), one(g.members, 2)];
		const fac = one(g.facilitators);
		const mine = await stream(app, me, g.ids);
		const theirsToo = await stream(app, other, g.ids);
		const first = await send(app, them, g.ids, 'First from them');
		await send(app, fac, g.ids, 'Welcome');
		await mine.until((es) => bodiesOf(es).length === 2);

		await blockFromRoom({
			db: app.db,
			actor: me,
			input: { ...g.ids, messageId: String(first.id), blocked: 'on' }
		});
		await mine.until((es) => removals(es).includes(first.id));
		// Their page is told to refresh its list of people blocked; nobody else's is.
		await mine.until((es) => es.some((e) => e.event === 'blocks'));
		const second = await send(app, them, g.ids, 'Second from them');
		await send(app, fac, g.ids, 'Next round');
		await mine.until((es) => bodiesOf(es).includes('Next round'));
		await theirsToo.until((es) => bodiesOf(es).length === 4);
		expect(shown(mine.events)).toEqual(['Welcome', 'Next round']);
		expect(theirsToo.events.filter((e) => e.event === 'blocks')).toEqual([]);
		expect(shown(theirsToo.events)).toEqual([
			'First from them',
			'Welcome',
			'Second from them',
			'Next round'
		]);

		// The page offers to unblock them, by their latest message here, never by account id.
		const page = await getRoom({ db: app.db, actor: me, input: g.ids });
		expect(page.messages.map((m) => m.body)).toEqual(['Welcome', 'Next round']);
		expect(page.blocked).toEqual([
			{ messageId: second.id, name: expect.stringMatching(/^Pseudo-/) }
		]);
		const audit = await app.db
			.select({ action: auditLog.action, entityId: auditLog.entityId })
			.from(auditLog)
			.where(and(eq(auditLog.actorUserId, me.userId), eq(auditLog.action, 'group.room_block')));
		expect(audit).toEqual([{ action: 'group.room_block', entityId: String(first.id) }]);

		await blockFromRoom({
			db: app.db,
			actor: me,
			input: { ...g.ids, messageId: String(one(page.blocked).messageId), blocked: '' }
		});
		await mine.until((es) => bodiesOf(es).includes('Second from them'));
		expect(shown(mine.events)).toEqual([
			'First from them',
			'Welcome',
			'Second from them',
			'Next round'
		]);
		const last = await send(app, them, g.ids, 'Glad to be back');
		await mine.until((es) => bodiesOf(es).includes('Glad to be back'));
		expect(lastEventId(mine.events)).toBe(String(last.id));
		expect((await getRoom({ db: app.db, actor: me, input: g.ids })).blocked).toEqual([]);
		await close(mine, theirsToo);
	});

	it('a block made on the board reaches the member’s open room too', async () => {
		const g = await openGroup(app);
		const [me, them] = [one(g.members), one(g.members, 1)];
		const said = await send(app, them, g.ids, 'Said in the room');
		const mine = await stream(app, me, g.ids);
		await mine.until((es) => bodiesOf(es).length === 1);
		const { threadId } = await postThread({
			db: app.db,
			actor: them,
			input: { groupId: g.groupId, title: 'Hello', body: 'On the board' }
		});
		await blockMember({
			db: app.db,
			actor: me,
			input: { groupId: g.groupId, postId: threadId, blocked: 'on' }
		});
		await mine.until((es) => removals(es).includes(said.id));
		expect(shown(mine.events)).toEqual([]);
		await close(mine);
	});

	it('only members block, only other members, and only by a message they can see', async () => {
		const g = await openGroup(app);
		const [me, them] = [one(g.members), one(g.members, 1)];
		const fac = one(g.facilitators);
		const block = (actor: Actor, messageId: number) =>
			blockFromRoom({
				db: app.db,
				actor,
				input: { ...g.ids, messageId: String(messageId), blocked: 'on' }
			});
		const own = await send(app, me, g.ids, 'Mine');
		const staff = await send(app, fac, g.ids, 'From the facilitator');
		const theirs = await send(app, them, g.ids, 'From them');
		await expect(block(me, own.id)).rejects.toMatchObject({ fields: { _: 'board_err_block' } });
		await expect(block(me, staff.id)).rejects.toMatchObject({ fields: { _: 'board_err_block' } });
		await expect(block(fac, theirs.id)).rejects.toMatchObject({
			fields: { _: 'board_err_block' }
		});
		await expect(block(me, 999_999_999)).rejects.toMatchObject({ code: 'not_found' });

		// A sub-room's message is "not found" to a member outside it.
		const other = one(g.members, 2);
		await openSubRoom({
			db: app.db,
			bus: app.realtime,
			actor: fac,
			input: { ...g.ids, name: 'Pairs', memberIds: [them.userId, other.userId] }
		});
		const roomId = one((await getRoom({ db: app.db, actor: them, input: g.ids })).state.rooms).id;
		const inside = await send(app, other, g.ids, 'Just us two', roomId);
		await expect(block(me, inside.id)).rejects.toMatchObject({ code: 'not_found' });
		await block(them, inside.id);
		// Another site's member cannot reach the group at all.
		const stranger = await openGroup(app);
		await expect(block(one(stranger.members), theirs.id)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('at shutdown every stream ends, and a stream opened afterwards ends at once', async () => {
		// An instance of its own on the same database: closing its rooms is for good.
		const own = createApp(app.config, app.database);
		try {
			const g = await openGroup(own);
			const member = one(g.members);
			const live = await stream(own, member, g.ids);
			await live.until((es) => es.some((e) => e.event === 'state'));
			const started = Date.now();
			await closeLiveRooms(own);
			await live.ended;
			expect(Date.now() - started).toBeLessThan(2000);
			// It left: nobody is listed as present any more.
			expect(
				await own.db.select().from(roomPresence).where(eq(roomPresence.sessionId, g.ids.sessionId))
			).toEqual([]);
			const late = await stream(own, member, g.ids);
			await late.ended;
			expect(late.events).toEqual([]);
		} finally {
			await own.realtime.close();
		}
	});
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('corrections across two instances', () => {
	let a: TestApp;
	let b: App;
	beforeAll(async () => {
		a = await createTestApp('postgres');
		const database = openDatabase({ url: a.config.DATABASE_URL, dataDir: a.config.dataDir });
		b = createApp(a.config, database);
	});
	afterAll(async () => {
		await closeLiveRooms(b);
		await b.realtime.close();
		await b.database.close();
		await a.cleanup();
	});

	it('a hide on one instance reaches a room open on the other, and a reconnect replays each message once, in order', async () => {
		const g = await openGroup(a);
		const [writer, reader] = [one(g.members), one(g.members, 1)];
		const onB = await stream(b, reader, g.ids);
		const one1 = await send(a, writer, g.ids, 'one');
		const two = await send(a, writer, g.ids, 'two');
		await onB.until((es) => bodiesOf(es).length === 2);
		const itemId = await moderateMessage(a, reader, g.moderator, g.groupId, one1.id, ['hide']);
		await onB.until((es) => removals(es).includes(one1.id));
		await moderate({
			db: a.db,
			actor: g.moderator,
			input: { itemId, action: 'restore', reason: 'Fine after all' }
		});
		await onB.until((es) => bodiesOf(es).length === 3);
		expect(shown(onB.events)).toEqual(['one', 'two']);
		const resumeAt = Number(lastEventId(onB.events));
		await close(onB);

		// Away: two more messages, and 'two' is hidden meanwhile.
		await send(a, writer, g.ids, 'three');
		await send(a, writer, g.ids, 'four');
		await moderateMessage(a, reader, g.moderator, g.groupId, two.id, ['hide']);
		const back = await stream(b, reader, g.ids, resumeAt);
		await back.until((es) => bodiesOf(es).length === 2 && removals(es).includes(two.id));
		await send(a, writer, g.ids, 'five');
		await back.until((es) => bodiesOf(es).length === 3);
		await new Promise((r) => setTimeout(r, 300));
		expect(bodiesOf(back.events)).toEqual(['three', 'four', 'five']);
		const ids = back.events.flatMap((e) => (e.id ? [Number(e.id)] : []));
		expect(ids).toEqual([...ids].sort((x, y) => x - y));
		expect(new Set(ids).size).toBe(ids.length);
		expect(one(ids)).toBeGreaterThan(resumeAt);
		const had = [
			{ id: one1.id, body: 'one' },
			{ id: two.id, body: 'two' }
		];
		expect(shown(back.events, had)).toEqual(['one', 'three', 'four', 'five']);
		await close(back);
	});
});
