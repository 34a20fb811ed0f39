import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { sendDueReminders } from '../groups/send-due-reminders';
import { registerGroupNotifications } from '../groups/reminder-notifications';
import { leaveGroup } from '../groups/join-group';
import { listGroups } from '../groups/list-groups';
import { countUnreadNotifications, listNotifications } from './list-notifications';
import { markNotificationsRead, openNotification } from './read-notifications';
import { deliveryLog } from './notifications.schema';
import { notificationsCard } from './today-card';

describe.each(dbKinds)('the notification centre on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
		registerGroupNotifications();
	});
	afterAll(async () => app.cleanup());

	it('brings group reminders into each member’s centre, read from there or from the group', async () => {
		const site = await makeSite(app);
		const soon = new Date(Date.now() + 2 * 3600_000);
		const g = await makeGroup(app, site, { members: 2, sessions: 2, firstSessionAt: soon });
		const [me, other] = g.members;
		if (!me || !other) throw new Error('two members expected');
		// Only the first session is within a day: one reminder each.
		await sendDueReminders({ db: app.db, mail: app.mailer });
		await sendDueReminders({ db: app.db, mail: app.mailer });
		const [n, ...more] = await listNotifications({ db: app.db, actor: me });
		expect(more).toEqual([]);
		if (!n) throw new Error('a notification expected');
		expect([n.kind, n.unread, n.params.startsAt]).toEqual([
			'group_reminder',
			true,
			soon.toISOString()
		]);
		expect(await countUnreadNotifications({ db: app.db, actor: me })).toBe(1);
		// On Today, the group's name is set apart in the sentence (isolate marks), for a Hebrew page.
		const card = await notificationsCard.load({
			db: app.db,
			actor: me,
			locale: 'en',
			zone: 'UTC',
			now: new Date(),
			pseudonym: null
		});
		expect(card?.items[0]?.text).toMatch(/^Your group \u2068Group [^\u2069]+\u2069 meets /);

		// Every delivery is logged: in-app and email, once each.
		const log = await app.db
			.select({ channel: deliveryLog.channel, outcome: deliveryLog.outcome })
			.from(deliveryLog)
			.where(and(eq(deliveryLog.userId, me.userId), eq(deliveryLog.kind, 'group_reminder')));
		expect(log.map((l) => `${l.channel}:${l.outcome}`).sort()).toEqual([
			'email:sent',
			'in_app:sent'
		]);

		// Someone else's notification, or one nobody has, is not found, to read or to open.
		for (const notificationId of [n.id, randomUUID(), 'nonsense']) {
			await expect(
				markNotificationsRead({ db: app.db, actor: other, input: { notificationId } })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(
				openNotification({ db: app.db, actor: other, input: { notificationId } })
			).rejects.toMatchObject({ code: 'not_found' });
		}
		expect(await countUnreadNotifications({ db: app.db, actor: me })).toBe(1);

		// Opening it leads to the group and reads it, here and on the group's own list.
		expect(await openNotification({ db: app.db, actor: me, input: { notificationId: n.id } })).toBe(
			`/groups/${g.groupId}`
		);
		expect(await countUnreadNotifications({ db: app.db, actor: me })).toBe(0);
		const groupsPage = await listGroups({ db: app.db, actor: me, input: { locale: 'en' } });
		expect(groupsPage.unreadReminders).toBe(0);
		// The other member's stays unread; marking all reads it.
		expect(await countUnreadNotifications({ db: app.db, actor: other })).toBe(1);
		expect(await markNotificationsRead({ db: app.db, actor: other, input: {} })).toEqual({
			marked: 1
		});
		expect(await countUnreadNotifications({ db: app.db, actor: other })).toBe(0);
	});

	it('hides a notification about a group the person left, and answers "not found" when it is opened', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, {
			members: 1,
			sessions: 1,
			firstSessionAt: new Date(Date.now() + 3600_000)
		});
		const [me] = g.members;
		if (!me) throw new Error('a member expected');
		await sendDueReminders({ db: app.db, mail: app.mailer });
		const [n] = await listNotifications({ db: app.db, actor: me });
		if (!n) throw new Error('a notification expected');
		await leaveGroup({ db: app.db, actor: me, input: { groupId: g.groupId } });
		expect(await listNotifications({ db: app.db, actor: me })).toEqual([]);
		expect(await countUnreadNotifications({ db: app.db, actor: me })).toBe(0);
		await expect(
			openNotification({ db: app.db, actor: me, input: { notificationId: n.id } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
