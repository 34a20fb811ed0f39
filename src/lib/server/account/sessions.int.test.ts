import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { actorFor, signInCookie } from '../testing/auth-session';
import { listOwnSessions } from './list-own-sessions';
import { endOwnSession } from './end-own-session';
import { endOtherSessions } from './end-other-sessions';
import { auditLog } from '../audit/audit.schema';

const phone =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

describe.each(dbKinds)('own sessions on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const alive = async (cookie: string) =>
		(await app.auth.api.getSession({
			headers: new Headers({ cookie }),
			query: { disableCookieCache: true }
		})) !== null;

	it("lists only the person's own sessions, this device first", async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member'], { session: false });
		const other = await makePerson(app, site, ['member'], { session: false });
		const laptop = await signInCookie(app, email);
		await signInCookie(app, email, undefined, phone);
		await signInCookie(app, other.email);
		const actor = await actorFor(app, laptop.cookie);
		const sessions = await listOwnSessions({ db: app.db, actor });
		expect(sessions).toHaveLength(2);
		expect(sessions[0]).toMatchObject({ id: actor.sessionId, current: true, browser: 'Firefox' });
		expect(sessions[1]).toMatchObject({ current: false, browser: 'Chrome', os: 'Android' });
	});

	it('ends one other session of the person, audited', async () => {
		const { email } = await makePerson(app, null, [], { session: false });
		const laptop = await signInCookie(app, email);
		const mobile = await signInCookie(app, email, undefined, phone);
		const actor = await actorFor(app, laptop.cookie);
		const mobileActor = await actorFor(app, mobile.cookie);
		await endOwnSession({ db: app.db, actor, input: { sessionId: mobileActor.sessionId } });
		expect(await alive(mobile.cookie)).toBe(false);
		expect(await alive(laptop.cookie)).toBe(true);
		const [record] = await app.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'session.revoke'), eq(auditLog.entityId, mobileActor.sessionId))
			);
		expect(record).toMatchObject({ actorUserId: actor.userId, outcome: 'success' });
	});

	it('cannot end someone else\'s session: it answers "not found" and the session lives on', async () => {
		const { email } = await makePerson(app, null, [], { session: false });
		const victim = await makePerson(app, null, [], { session: false });
		const mine = await signInCookie(app, email);
		const theirs = await signInCookie(app, victim.email);
		const actor = await actorFor(app, mine.cookie);
		const victimActor = await actorFor(app, theirs.cookie);
		for (const sessionId of [victimActor.sessionId, 'no-such-session', actor.sessionId])
			await expect(
				endOwnSession({ db: app.db, actor, input: { sessionId } })
			).rejects.toMatchObject({ code: 'not_found' });
		expect(await alive(theirs.cookie)).toBe(true);
		expect(await alive(mine.cookie)).toBe(true);
	});

	it("signs out every other device of the person and no one else's", async () => {
		const { email } = await makePerson(app, null, [], { session: false });
		const bystander = await makePerson(app, null, [], { session: false });
		const here = await signInCookie(app, email);
		const there = [
			await signInCookie(app, email),
			await signInCookie(app, email, undefined, phone)
		];
		const elsewhere = await signInCookie(app, bystander.email);
		const actor = await actorFor(app, here.cookie);
		expect(await endOtherSessions({ db: app.db, actor })).toBe(2);
		for (const s of there) expect(await alive(s.cookie)).toBe(false);
		expect(await alive(here.cookie)).toBe(true);
		expect(await alive(elsewhere.cookie)).toBe(true);
	});
});
