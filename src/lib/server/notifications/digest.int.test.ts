import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { registerGroupNotifications } from '../groups/reminder-notifications';
import { removeMember } from '../groups/manage-enrolment';
import { markNotificationsRead } from './read-notifications';
import { notifyInApp } from './notify';
import { setPreferences } from './preferences';
import { sendDigests } from './send-digests';

describe.each(dbKinds)('the daily digest on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
		registerGroupNotifications();
	});
	const mailTo = (siteId: string, email: string) =>
		(app.mailer.outbox?.(siteId) ?? []).filter((m) => m.to === email);
	afterAll(async () => app.cleanup());

	it('mails once a day, from 08:00 on the person’s clock, only to those who asked, without details', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 2, sessions: 1 });
		const [wants, doesNot] = g.members;
		if (!wants || !doesNot) throw new Error('two members expected');
		const morning = new Date('2026-12-07T10:00:00Z');
		for (const p of [wants, doesNot]) {
			await notifyInApp(app.db, {
				siteId: site.id,
				userId: p.userId,
				kind: 'group_reminder',
				targetId: g.groupId,
				source: randomUUID(),
				params: { group: 'Hearing voices circle' },
				at: new Date(morning.getTime() - 3600_000)
			});
		}
		await setPreferences({
			db: app.db,
			actor: wants,
			input: { timeZone: 'UTC', dailyDigest: 'on' }
		});
		// 06:00 on their clock: not yet.
		await sendDigests({ db: app.db, mail: app.mailer, now: new Date('2026-12-07T06:00:00Z') });
		expect(mailTo(site.id, wants.email)).toHaveLength(0);
		await sendDigests({ db: app.db, mail: app.mailer, now: morning });
		await sendDigests({
			db: app.db,
			mail: app.mailer,
			now: new Date(morning.getTime() + 3600_000)
		});
		const [digest, ...more] = mailTo(site.id, wants.email);
		expect(more).toEqual([]);
		expect(digest?.text).toContain('/notifications');
		expect(digest?.text).not.toContain('Hearing voices');
		expect(mailTo(site.id, doesNot.email)).toHaveLength(0);
	});

	it('says nothing about a group the person was removed from, and "mark all read" leaves it be', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 1, sessions: 1 });
		const [removed] = g.members;
		const [facilitator] = g.facilitators;
		if (!removed || !facilitator) throw new Error('a member and a facilitator expected');
		const morning = new Date('2026-12-07T10:00:00Z');
		await notifyInApp(app.db, {
			siteId: site.id,
			userId: removed.userId,
			kind: 'group_reminder',
			targetId: g.groupId,
			source: randomUUID(),
			params: { group: 'Hearing voices circle' },
			at: new Date(morning.getTime() - 3600_000)
		});
		await setPreferences({
			db: app.db,
			actor: removed,
			input: { timeZone: 'UTC', dailyDigest: 'on' }
		});
		await removeMember({
			db: app.db,
			actor: facilitator,
			input: { groupId: g.groupId, userId: removed.userId }
		});
		expect(await sendDigests({ db: app.db, mail: app.mailer, now: morning })).toEqual({ sent: 0 });
		expect(mailTo(site.id, removed.email)).toHaveLength(0);
		expect(await markNotificationsRead({ db: app.db, actor: removed, input: {} })).toEqual({
			marked: 0
		});
	});
});
