import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { groupMembers } from './groups.schema';
import { groupFor, groupSessionFor } from './group-access';

describe.each(dbKinds)('who a peer group exists for, on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('answers members, facilitators and the site moderators, and "not found" to anyone else', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 2 });
		const [member, removed] = g.members;
		if (!member || !removed) throw new Error('two members expected');
		await app.db
			.update(groupMembers)
			.set({ status: 'removed' })
			.where(and(eq(groupMembers.groupId, g.groupId), eq(groupMembers.userId, removed.userId)));
		const moderator = (await makePerson(app, site, ['moderator'])).actor;
		const outsider = (await makePerson(app, site, ['member'])).actor;
		const otherPeer = (await makePerson(app, site, ['peer_worker'])).actor;
		const elsewhere = (await makePerson(app, await makeSite(app), ['moderator'])).actor;

		expect((await groupFor(app.db, member, g.groupId)).role).toBe('member');
		expect((await groupFor(app.db, g.facilitators[0] ?? null, g.groupId)).role).toBe('facilitator');
		expect((await groupFor(app.db, moderator, g.groupId)).role).toBe('moderator');
		for (const nobody of [removed, outsider, otherPeer, elsewhere, null])
			await expect(groupFor(app.db, nobody, g.groupId)).rejects.toMatchObject({
				code: 'not_found'
			});
		await expect(groupFor(app.db, member, 'not-a-uuid')).rejects.toMatchObject({
			code: 'not_found'
		});

		const session = await groupSessionFor(app.db, member, {
			groupId: g.groupId,
			sessionId: g.sessionIds[0] ?? ''
		});
		expect(session.session.number).toBe(1);
		const other = await makeGroup(app, site, { members: 0 });
		await expect(
			groupSessionFor(app.db, member, { groupId: g.groupId, sessionId: other.sessionIds[0] ?? '' })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
