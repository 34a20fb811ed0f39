import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { signInCookie } from '../testing/auth-session';
import { loadActor } from './load-actor';
import { SESSION_ABSOLUTE_SECONDS } from './auth.config';
import { session } from '../db/auth.schema';

const minutes = (n: number) => n * 60_000;

describe.each(dbKinds)('session time-outs on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());
	afterEach(() => {
		vi.useRealTimers();
	});

	const load = (cookie: string, now?: Date) =>
		loadActor({ app, headers: new Headers({ cookie }), ip: '127.0.0.1', now });
	const startedAt = async (cookie: string) => {
		const loaded = await load(cookie);
		if (loaded.kind !== 'actor') throw new Error('not signed in');
		const [row] = await app.db.select().from(session).where(eq(session.id, loaded.actor.sessionId));
		if (!row) throw new Error('no session row');
		return row;
	};

	it('ends a member session idle for more than 30 minutes, not before', async () => {
		const { email } = await makePerson(app, await makeSite(app), ['member']);
		const { cookie } = await signInCookie(app, email);
		const row = await startedAt(cookie);
		const seen = row.lastSeenAt ?? row.createdAt;
		expect((await load(cookie, new Date(seen.getTime() + minutes(29)))).kind).toBe('actor');
		// That request counted as activity: idle time now runs from 29 minutes.
		expect((await load(cookie, new Date(seen.getTime() + minutes(58)))).kind).toBe('actor');
		expect(await load(cookie, new Date(seen.getTime() + minutes(89)))).toEqual({
			kind: 'ended',
			reason: 'idle'
		});
		expect((await load(cookie)).kind).toBe('none');
	});

	it('ends a staff session idle for more than 15 minutes', async () => {
		const { email } = await makePerson(app, await makeSite(app), ['professional'], {
			twoFactorEnabled: false
		});
		const { cookie } = await signInCookie(app, email);
		const row = await startedAt(cookie);
		const seen = row.lastSeenAt ?? row.createdAt;
		expect(await load(cookie, new Date(seen.getTime() + minutes(16)))).toEqual({
			kind: 'ended',
			reason: 'idle'
		});
	});

	it('refuses a session older than 12 hours even when it was just used', async () => {
		const { email } = await makePerson(app, await makeSite(app), ['member']);
		const { cookie } = await signInCookie(app, email);
		const row = await startedAt(cookie);
		expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(
			SESSION_ABSOLUTE_SECONDS * 1000 + 1000
		);
		const justBefore = new Date(row.createdAt.getTime() + (SESSION_ABSOLUTE_SECONDS - 60) * 1000);
		const justAfter = new Date(row.createdAt.getTime() + (SESSION_ABSOLUTE_SECONDS + 60) * 1000);
		// Activity right up to the end: only the absolute lifetime can refuse it.
		await app.db.update(session).set({ lastSeenAt: justBefore }).where(eq(session.id, row.id));
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(justBefore);
		expect((await load(cookie, justBefore)).kind).toBe('actor');
		// Using a session never pushes its end back.
		const [used] = await app.db.select().from(session).where(eq(session.id, row.id));
		expect(used?.expiresAt.getTime()).toBe(row.expiresAt.getTime());
		vi.setSystemTime(justAfter);
		expect((await load(cookie, justAfter)).kind).toBe('none');
		expect(await app.db.select().from(session).where(eq(session.id, row.id))).toEqual([]);
	});
});
