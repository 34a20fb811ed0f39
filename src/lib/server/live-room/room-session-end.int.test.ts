// An open live room ends within seconds when the sign-in session behind it ends, however it
// ended (signed out, idle, row deleted, account disabled) and when its person loses the group,
// on every instance; a reconnect with the old cookie is then refused by the usual auth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createApp, type App } from '../app';
import { openDatabase } from '../db/client';
import { session } from '../db/auth.schema';
import type { Actor } from '../access/actor';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { actorFor, signInCookie } from '../testing/auth-session';
import { bodiesOf, readSse } from '../testing/sse';
import { signOut } from '../account/sign-out';
import { loadActor } from '../auth/load-actor';
import { flushWritesBehind } from '../db/write-behind';
import { setAccountStatus } from '../people/set-account-status';
import { leaveGroup } from '../groups/join-group';
import { sendChatMessage } from './send-chat-message';
import { setRoomStatus } from './room-controls';
import { closeLiveRooms } from './hubs';
import { openRoomStream } from './open-room-stream';

const one = <T>(xs: T[], i = 0): T => {
	const x = xs[i];
	if (x === undefined) throw new Error(`no item ${i}`);
	return x;
};

type Ids = { groupId: string; sessionId: string };
/** Streams re-check their sessions this often here (3 s in production). */
const CHECK_MS = 300;
/** A stream must have ended this long after its session did. */
const WITHIN_MS = 3000;

async function openGroup(app: App) {
	const site = await makeSite(app);
	const g = await makeGroup(app, site, { members: 2, sessions: 1 });
	const ids: Ids = { groupId: g.groupId, sessionId: one(g.sessionIds) };
	await setRoomStatus({
		db: app.db,
		bus: app.realtime,
		actor: one(g.facilitators),
		input: { ...ids, status: 'open' }
	});
	const admin = (await makePerson(app, site, ['site_admin'])).actor;
	return { ...g, ids, admin };
}

async function stream(app: App, actor: Actor, ids: Ids) {
	const abort = new AbortController();
	const s = await openRoomStream({
		deps: {
			db: app.db,
			realtime: app.realtime,
			instanceId: app.instanceId,
			sessionCheckMs: CHECK_MS
		},
		actor,
		input: { ...ids, after: 0 },
		signal: abort.signal
	});
	return { ...readSse(s), abort };
}

const send = (app: App, actor: Actor, ids: Ids, body: string) =>
	sendChatMessage({
		db: app.db,
		bus: app.realtime,
		actor,
		input: { ...ids, clientId: randomUUID(), body }
	});

/** Resolves with the time it took the server to end the stream, or throws after WITHIN_MS. */
async function endsWithin(s: { ended: Promise<void> }): Promise<number> {
	const started = Date.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('the stream stayed open')), WITHIN_MS);
	});
	await Promise.race([s.ended, late]).finally(() => clearTimeout(timer));
	return Date.now() - started;
}

/** A member of the group signed in for real (a session row and a cookie from better-auth). */
async function signedIn(app: App, member: Actor) {
	const { cookie } = await signInCookie(app, member.email);
	return { cookie, actor: await actorFor(app, cookie) };
}

type Cause = (
	app: App,
	g: Awaited<ReturnType<typeof openGroup>>,
	who: { actor: Actor; cookie: string }
) => Promise<unknown>;

const causes: [string, Cause][] = [
	[
		'signing out',
		(app, _g, who) =>
			signOut({ app, actor: who.actor, headers: new Headers({ cookie: who.cookie }) })
	],
	[
		'the idle timeout',
		// Half an hour later: what the last requests left to write has long been written.
		async (app, _g, who) => {
			await flushWritesBehind(app.db);
			await app.db
				.update(session)
				.set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
				.where(eq(session.id, who.actor.sessionId));
		}
	],
	[
		'the session row being deleted',
		(app, _g, who) => app.db.delete(session).where(eq(session.id, who.actor.sessionId))
	],
	[
		'the account being disabled',
		// Turning an account off platform-wide is the platform admin's.
		async (app, _g, who) =>
			setAccountStatus({
				db: app.db,
				actor: (await makePerson(app, null, [], { isPlatformAdmin: true })).actor,
				input: { userId: who.actor.userId, disabled: true }
			})
	],
	[
		'leaving the group',
		(app, g, who) => leaveGroup({ db: app.db, actor: who.actor, input: { groupId: g.groupId } })
	]
];

async function check(on: App, from: App, cause: Cause) {
	const g = await openGroup(from);
	const [writer, reader] = [one(g.members), one(g.members, 1)];
	const who = await signedIn(from, reader);
	const s = await stream(on, who.actor, g.ids);
	await send(from, writer, g.ids, 'before');
	await s.until((es) => bodiesOf(es).includes('before'));
	await cause(from, g, who);
	const took = await endsWithin(s);
	expect(took).toBeLessThan(WITHIN_MS);
	expect(s.events.at(-1)?.event).toBe('gone');
	await send(from, writer, g.ids, 'after');
	await new Promise((r) => setTimeout(r, 2 * CHECK_MS));
	expect(bodiesOf(s.events)).toEqual(['before']);
	return { g, who };
}

describe.each(dbKinds)('an open live room when its session ends, on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it.each(causes)('closes within seconds after %s', async (name, cause) => {
		const { who } = await check(app, app, cause);
		if (name !== 'leaving the group') {
			// The browser's reconnect carries the old cookie: the usual auth refuses it.
			const again = await loadActor({
				app,
				headers: new Headers({ cookie: who.cookie }),
				ip: '127.0.0.1'
			});
			expect(again.kind).not.toBe('actor');
		}
	});

	it('leaves open the streams of other sessions, and of the same person elsewhere', async () => {
		const g = await openGroup(app);
		const [writer, reader] = [one(g.members), one(g.members, 1)];
		const phone = await signedIn(app, reader);
		const laptop = await signedIn(app, reader);
		const onPhone = await stream(app, phone.actor, g.ids);
		const onLaptop = await stream(app, laptop.actor, g.ids);
		await signOut({ app, actor: phone.actor, headers: new Headers({ cookie: phone.cookie }) });
		await endsWithin(onPhone);
		await send(app, writer, g.ids, 'still here');
		await onLaptop.until((es) => bodiesOf(es).includes('still here'));
		expect(bodiesOf(onPhone.events)).toEqual([]);
		onLaptop.abort.abort();
		await onLaptop.cancel();
	});
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a session ending on another instance', () => {
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

	it.each(causes)('closes a stream open on B within seconds after %s on A', async (_n, cause) => {
		await check(b, a, cause);
	});
});
