import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createApp, type App } from '../app';
import { openDatabase } from '../db/client';
import type { Actor } from '../access/actor';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makeSite } from '../testing/factories';
import { makeGroup, type TestGroup } from '../testing/group-factory';
import { bodiesOf, readSse } from '../testing/sse';
import { chatMessages } from './live-room.schema';
import { groupAttendance, groupMembers, groups } from '../groups/groups.schema';
import { memberBlocks } from '../safety/safety.schema';
import { getRoom } from './get-room';
import { sendChatMessage } from './send-chat-message';
import { openSubRoom, setRoomSlowMode, setRoomStatus } from './room-controls';
import { closeLiveRooms } from './hubs';
import { openRoomStream } from './open-room-stream';
import { announceMembershipChange } from '../realtime/room-events';

const one = <T>(xs: T[], i = 0): T => {
	const x = xs[i];
	if (x === undefined) throw new Error(`no item ${i}`);
	return x;
};

async function openGroup(
	app: App
): Promise<TestGroup & { ids: { groupId: string; sessionId: string } }> {
	const site = await makeSite(app);
	const g = await makeGroup(app, site, { members: 2, sessions: 1 });
	const ids = { groupId: g.groupId, sessionId: one(g.sessionIds) };
	await setRoomStatus({
		db: app.db,
		bus: app.realtime,
		actor: one(g.facilitators),
		input: { ...ids, status: 'open' }
	});
	return { ...g, ids };
}

function stream(
	app: App,
	actor: Actor,
	ids: { groupId: string; sessionId: string },
	after = 0,
	roomId?: string
) {
	const abort = new AbortController();
	return openRoomStream({
		deps: app,
		actor,
		input: { ...ids, roomId, after },
		signal: abort.signal
	}).then((s) => ({ ...readSse(s), abort }));
}

const send = (
	app: App,
	actor: Actor,
	ids: { groupId: string; sessionId: string },
	body: string,
	extra: { clientId?: string; roomId?: string } = {}
) =>
	sendChatMessage({
		db: app.db,
		bus: app.realtime,
		actor,
		input: { ...ids, clientId: extra.clientId ?? randomUUID(), body, roomId: extra.roomId }
	});

describe.each(dbKinds)('the live session room on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('streams a sent message to the room once, even when the composer resends it', async () => {
		const g = await openGroup(app);
		const member = one(g.members);
		const other = one(g.members, 1);
		const live = await stream(app, other, g.ids);
		await live.until((es) => es.some((e) => e.event === 'state'));

		const clientId = randomUUID();
		const first = await send(app, member, g.ids, 'Hello, everyone', { clientId });
		const again = await send(app, member, g.ids, 'Hello, everyone', { clientId });
		expect(again).toMatchObject({ id: first.id, duplicate: true });
		await send(app, one(g.facilitators), g.ids, 'Welcome');

		await live.until((es) => bodiesOf(es).length >= 2);
		expect(bodiesOf(live.events)).toEqual(['Hello, everyone', 'Welcome']);
		const msg = live.events.find((e) => e.event === 'message');
		expect(msg?.id).toBe(String(first.id));
		expect(JSON.parse(msg?.data ?? '{}')).toMatchObject({
			mine: false,
			staff: false,
			author: expect.stringMatching(/^Pseudo-/)
		});
		const rows = await app.db
			.select()
			.from(chatMessages)
			.where(eq(chatMessages.sessionId, g.ids.sessionId));
		expect(rows).toHaveLength(2);

		// Connecting to an open session marks a member present, once.
		const attendance = await app.db
			.select()
			.from(groupAttendance)
			.where(eq(groupAttendance.sessionId, g.ids.sessionId));
		expect(attendance).toEqual([
			expect.objectContaining({ userId: other.userId, present: true, source: 'live' })
		]);
		live.abort.abort();
		await live.cancel();
	});

	it('keeps the messages of someone a member blocked out of that member’s room', async () => {
		const g = await openGroup(app);
		const [reader, blocked] = [one(g.members), one(g.members, 1)];
		const [group] = await app.db.select().from(groups).where(eq(groups.id, g.ids.groupId));
		await app.db.insert(memberBlocks).values({
			siteId: group?.siteId ?? '',
			blockerId: reader.userId,
			blockedId: blocked.userId
		});
		const live = await stream(app, reader, g.ids);
		await live.until((es) => es.some((e) => e.event === 'state'));
		await send(app, blocked, g.ids, 'You will not see this');
		await send(app, one(g.facilitators), g.ids, 'Welcome back');
		await live.until((es) => bodiesOf(es).length >= 1);
		expect(bodiesOf(live.events)).toEqual(['Welcome back']);
		const view = await getRoom({ db: app.db, actor: reader, input: g.ids });
		expect(view.messages.map((m) => m.body)).toEqual(['Welcome back']);
		// Everyone else still sees both.
		const other = await getRoom({ db: app.db, actor: one(g.facilitators), input: g.ids });
		expect(other.messages.map((m) => m.body)).toEqual(['You will not see this', 'Welcome back']);
		live.abort.abort();
		await live.cancel();
	});

	it('refuses empty, oversized and too-quick messages, and any in a session that is not open', async () => {
		const g = await openGroup(app);
		const member = one(g.members);
		const facilitator = one(g.facilitators);
		await expect(send(app, member, g.ids, '   ')).rejects.toMatchObject({
			fields: { body: 'err_required' }
		});
		await expect(send(app, member, g.ids, 'x'.repeat(4001))).rejects.toMatchObject({
			fields: { body: 'err_too_long' }
		});
		await send(app, member, g.ids, 'x'.repeat(4000));

		await setRoomSlowMode({
			db: app.db,
			bus: app.realtime,
			actor: facilitator,
			input: { ...g.ids, seconds: 60 }
		});
		await expect(send(app, member, g.ids, 'quick again')).rejects.toMatchObject({
			fields: { body: 'room_err_slow_mode' }
		});
		await send(app, facilitator, g.ids, 'Facilitators are not slowed down');
		await send(app, facilitator, g.ids, 'Not at all');

		await setRoomStatus({
			db: app.db,
			bus: app.realtime,
			actor: facilitator,
			input: { ...g.ids, status: 'closed' }
		});
		await expect(send(app, facilitator, g.ids, 'After the end')).rejects.toMatchObject({
			fields: { body: 'room_err_not_open' }
		});

		const later = await makeGroup(app, await makeSite(app), { sessions: 1 });
		const scheduled = { groupId: later.groupId, sessionId: one(later.sessionIds) };
		await expect(send(app, one(later.members), scheduled, 'Too early')).rejects.toMatchObject({
			fields: { body: 'room_err_not_open' }
		});
	});

	it('lets only members who accepted the agreement post', async () => {
		const g = await openGroup(app);
		const member = one(g.members);
		await app.db
			.update(groupMembers)
			.set({ agreementAcceptedAt: null })
			.where(and(eq(groupMembers.groupId, g.groupId), eq(groupMembers.userId, member.userId)));
		await expect(send(app, member, g.ids, 'Hi')).rejects.toMatchObject({
			fields: { body: 'groups_err_agreement' }
		});
	});

	it('closes a removed member’s stream at once, and they can no longer post or reconnect', async () => {
		const g = await openGroup(app);
		const member = one(g.members);
		const live = await stream(app, member, g.ids);
		await live.until((es) => es.some((e) => e.event === 'state'));
		await app.db.transaction(async (tx) => {
			await tx
				.update(groupMembers)
				.set({ status: 'removed' })
				.where(and(eq(groupMembers.groupId, g.groupId), eq(groupMembers.userId, member.userId)));
			await announceMembershipChange(tx, g.groupId);
		});
		await live.until((es) => es.some((e) => e.event === 'gone'));
		await live.ended;
		await expect(send(app, member, g.ids, 'Still here?')).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(stream(app, member, g.ids)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('keeps a sub-room’s messages to its members', async () => {
		const g = await openGroup(app);
		const [inside, outside] = [one(g.members), one(g.members, 1)];
		await openSubRoom({
			db: app.db,
			bus: app.realtime,
			actor: one(g.facilitators),
			input: { ...g.ids, name: 'Life stories', memberIds: [inside.userId] }
		});
		const main = await stream(app, outside, g.ids);
		const state = await main.until((es) => es.some((e) => e.event === 'state'));
		expect(JSON.parse(state.find((e) => e.event === 'state')?.data ?? '{}')).toMatchObject({
			rooms: []
		});
		const insider = await stream(app, inside, g.ids);
		const seen = await insider.until((es) => es.some((e) => e.event === 'state'));
		const rooms = (
			JSON.parse(seen.find((e) => e.event === 'state')?.data ?? '{}') as { rooms: { id: string }[] }
		).rooms;
		const roomId = one(rooms).id;
		await expect(stream(app, outside, g.ids, 0, roomId)).rejects.toMatchObject({
			code: 'not_found'
		});
		const sub = await stream(app, inside, g.ids, 0, roomId);
		await send(app, inside, g.ids, 'Only for us', { roomId });
		await send(app, inside, g.ids, 'For everyone');
		await sub.until((es) => bodiesOf(es).length >= 1);
		await main.until((es) => bodiesOf(es).length >= 1);
		expect(bodiesOf(sub.events)).toEqual(['Only for us']);
		expect(bodiesOf(main.events)).toEqual(['For everyone']);
		for (const s of [main, insider, sub]) {
			s.abort.abort();
			await s.cancel();
		}
	});
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
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

	it('delivers a message posted on one instance to a member connected to the other, and a reconnect replays exactly what was missed', async () => {
		const g = await openGroup(a);
		const [member, poster] = [one(g.members), one(g.facilitators)];
		const first = await stream(b, member, g.ids);
		await send(a, poster, g.ids, 'one');
		const got = await first.until((es) => bodiesOf(es).length === 1);
		const lastId = Number(got.filter((e) => e.event === 'message').at(-1)?.id);
		first.abort.abort();
		await first.cancel();

		for (const body of ['two', 'three', 'four']) await send(a, poster, g.ids, body);
		const again = await stream(b, member, g.ids, lastId);
		await again.until((es) => bodiesOf(es).length === 3);
		await send(a, poster, g.ids, 'five');
		await again.until((es) => bodiesOf(es).length === 4);
		await new Promise((r) => setTimeout(r, 300));
		expect(bodiesOf(again.events)).toEqual(['two', 'three', 'four', 'five']);
		const ids = again.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
		expect(ids).toEqual([...ids].sort((x, y) => x - y));
		expect(ids[0]).toBeGreaterThan(lastId);

		// Presence is shared: the member on B is listed by a facilitator connected to A.
		const watcher = await stream(a, poster, g.ids);
		const state = await watcher.until((es) =>
			es.some((e) => e.event === 'state' && e.data.includes('Pseudo-'))
		);
		expect(state.length).toBeGreaterThan(0);
		for (const s of [again, watcher]) {
			s.abort.abort();
			await s.cancel();
		}
	});
});
