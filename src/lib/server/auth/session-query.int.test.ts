import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { signInCookie } from '../testing/auth-session';
import { loadActor } from './load-actor';
import { session, user } from '../db/auth.schema';
import { memberships } from '../people/people.schema';
import { createApp, type App } from '../app';
import { openDatabase } from '../db/client';
import { closeLiveRooms } from '../live-room/hubs';
import { flushWritesBehind } from '../db/write-behind';

const load = (app: App, cookie: string) =>
	loadActor({ app, headers: new Headers({ cookie }), ip: '127.0.0.1' });

describe.each(dbKinds)('the session in one statement on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('loads the person, their sites in name order, roles and profile', async () => {
		const a = await makeSite(app, { name: `B site ${Date.now()}` });
		const b = await makeSite(app, { name: `A site ${Date.now()}` });
		const { email, userId } = await makePerson(app, a, ['member', 'moderator']);
		await app.db.insert(memberships).values({ siteId: b.id, userId, role: 'professional' });
		const { cookie } = await signInCookie(app, email);
		const loaded = await load(app, cookie);
		if (loaded.kind !== 'actor') throw new Error(loaded.kind);
		expect(loaded.actor.email).toBe(email);
		expect(loaded.actor.sites.map((s) => s.id)).toEqual([b.id, a.id]);
		expect(loaded.actor.sites[1]?.roles.toSorted()).toEqual(['member', 'moderator']);
		expect(loaded.profile?.userId).toBe(userId);
		expect(loaded.actor.name).toBe(loaded.profile?.displayName);
	});

	it('leaves out a suspended membership, and loads a person with no site', async () => {
		const site = await makeSite(app);
		const { email, userId } = await makePerson(app, site, ['member']);
		await app.db
			.update(memberships)
			.set({ suspendedAt: new Date() })
			.where(eq(memberships.userId, userId));
		const loaded = await load(app, (await signInCookie(app, email)).cookie);
		if (loaded.kind !== 'actor') throw new Error(loaded.kind);
		expect(loaded.actor.sites).toEqual([]);
		expect(loaded.actor.site).toBeNull();
	});

	it('refuses a cookie whose signature is not ours, or that is missing', async () => {
		const { email } = await makePerson(app, await makeSite(app), ['member']);
		const { cookie } = await signInCookie(app, email);
		const forged = cookie.replace(/(kith\.session_token=[^.;]+)\.[^;]+/, '$1.AAAA');
		expect((await load(app, forged)).kind).toBe('none');
		const swapped = cookie.replace(
			/(kith\.session_token=)([^.;]+)/,
			(_m, name: string, token: string) => `${name}${token.slice(1)}x`
		);
		expect((await load(app, swapped)).kind).toBe('none');
		expect((await load(app, 'other=1')).kind).toBe('none');
		expect((await load(app, cookie)).kind).toBe('actor');
	});

	it('ends a disabled account at once, and a signed-out session is nobody', async () => {
		const { email, userId } = await makePerson(app, await makeSite(app), ['member']);
		const first = (await signInCookie(app, email)).cookie;
		const second = (await signInCookie(app, email)).cookie;
		expect((await load(app, second)).kind).toBe('actor');
		await app.auth.api.signOut({ headers: new Headers({ cookie: second }) });
		expect((await load(app, second)).kind).toBe('none');
		await app.db.update(user).set({ disabledAt: new Date() }).where(eq(user.id, userId));
		expect(await load(app, first)).toEqual({ kind: 'ended', reason: 'disabled' });
		const left = await app.db.select().from(session).where(eq(session.userId, userId));
		// Only the factory's own session row is left: both signed-in sessions are gone.
		expect(left.map((s) => s.id)).toEqual([expect.stringMatching(/^s-/)]);
	});
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances, one PostgreSQL', () => {
	let a: TestApp;
	let b: App;
	beforeAll(async () => {
		a = await createTestApp('postgres');
		b = createApp(
			a.config,
			openDatabase({ url: a.config.DATABASE_URL, dataDir: a.config.dataDir })
		);
	});
	afterAll(async () => {
		await closeLiveRooms(b);
		await flushWritesBehind(b.db);
		await b.realtime.close();
		await b.database.close();
		await a.cleanup();
	});

	it('a sign-out, a disabled account and a role taken away on A count on B at once', async () => {
		const site = await makeSite(a);
		const { email, userId } = await makePerson(a, site, ['member', 'moderator']);
		const one = (await signInCookie(a, email)).cookie;
		const two = (await signInCookie(a, email)).cookie;
		const onB = await load(b, one);
		if (onB.kind !== 'actor') throw new Error(onB.kind);
		expect(onB.actor.roles.toSorted()).toEqual(['member', 'moderator']);
		await a.db
			.delete(memberships)
			.where(and(eq(memberships.role, 'moderator'), eq(memberships.userId, userId)));
		const after = await load(b, one);
		if (after.kind !== 'actor') throw new Error(after.kind);
		expect(after.actor.roles).toEqual(['member']);
		await a.auth.api.signOut({ headers: new Headers({ cookie: one }) });
		expect((await load(b, one)).kind).toBe('none');
		expect((await load(b, two)).kind).toBe('actor');
		await a.db.update(user).set({ disabledAt: new Date() }).where(eq(user.id, userId));
		expect(await load(b, two)).toEqual({ kind: 'ended', reason: 'disabled' });
	});
});
