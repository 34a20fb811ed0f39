import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { actorFor, signInCookie } from '../testing/auth-session';
import { switchSite } from './switch-site';
import { memberships } from '../people/people.schema';
import { auditLog } from '../audit/audit.schema';

describe.each(dbKinds)('switching site on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('moves this session to another site of the person, audited', async () => {
		const [first, second] = [await makeSite(app), await makeSite(app)];
		const { email, userId } = await makePerson(app, first, ['member']);
		await app.db.insert(memberships).values({ siteId: second.id, userId, role: 'peer_worker' });
		const { cookie } = await signInCookie(app, email);
		const actor = await actorFor(app, cookie);
		const target = actor.site?.id === first.id ? second : first;

		expect(await switchSite({ db: app.db, actor, input: { siteId: target.id } })).toEqual({
			name: target.name
		});
		const after = await actorFor(app, cookie);
		expect(after.site?.id).toBe(target.id);
		const [record] = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'site.switch'), eq(auditLog.actorUserId, userId)));
		expect(record).toMatchObject({ siteId: target.id, outcome: 'success' });
	});

	it('refuses a site where the person holds no role, like one that does not exist', async () => {
		const [mine, foreign] = [await makeSite(app), await makeSite(app)];
		const { email } = await makePerson(app, mine, ['member']);
		const { cookie } = await signInCookie(app, email);
		const actor = await actorFor(app, cookie);
		for (const siteId of [foreign.id, crypto.randomUUID()])
			await expect(switchSite({ db: app.db, actor, input: { siteId } })).rejects.toMatchObject({
				code: 'not_found'
			});
		expect((await actorFor(app, cookie)).site?.id).toBe(mine.id);
	});
});
