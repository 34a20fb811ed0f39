import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { sendDueReminders } from '../groups/send-due-reminders';
import { reminderDeliveries } from '../groups/groups.schema';
import { registerGroupNotifications } from '../groups/reminder-notifications';
import { listNotifications } from './list-notifications';
import { getPreferences, setPreferences } from './preferences';

describe.each(dbKinds)('notification preferences on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
		registerGroupNotifications();
	});
	afterAll(async () => app.cleanup());

	it.each([
		['an unknown kind', { 'pref:horoscope': 'email' }, { 'pref:horoscope': 'notif_err_kind' }],
		[
			'an unknown channel',
			{ 'pref:group_reminder': 'pigeon' },
			{ 'pref:group_reminder': 'notif_err_channel' }
		],
		[
			'quiet hours that start and end together',
			{ quietStart: '22:00', quietEnd: '22:00' },
			{ quietEnd: 'notif_err_quiet_same' }
		],
		['a start without an end', { quietStart: '22:00' }, { quietEnd: 'notif_err_quiet_pair' }],
		[
			'a time that is not one',
			{ quietStart: '25:00', quietEnd: '07:00' },
			{ quietStart: 'notif_err_time' }
		],
		['an unknown time zone', { timeZone: 'Mars/Olympus' }, { timeZone: 'err_time_zone' }]
	])('refuses %s on its field and saves nothing', async (_, input, fields) => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 1, sessions: 0 });
		const [me] = g.members;
		if (!me) throw new Error('a member expected');
		await expect(setPreferences({ db: app.db, actor: me, input })).rejects.toMatchObject({
			code: 'invalid_input',
			fields
		});
		expect(await getPreferences({ db: app.db, actor: me })).toEqual({
			channels: {},
			quietStart: null,
			quietEnd: null,
			timeZone: null,
			dailyDigest: false
		});
	});

	it('keeps quiet hours that wrap past midnight, and email-only stops in-app reminders', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, {
			members: 2,
			sessions: 1,
			firstSessionAt: new Date(Date.now() + 3600_000)
		});
		const [me, other] = g.members;
		if (!me || !other) throw new Error('two members expected');
		// A zone where it is not night now, so the email is not held: 22:00–07:00 in Bangkok is
		// 15:00–24:00 UTC, in Bogotá 03:00–12:00 UTC.
		const hour = new Date().getUTCHours();
		const zone = hour >= 15 ? 'America/Bogota' : 'Asia/Bangkok';
		await setPreferences({
			db: app.db,
			actor: me,
			input: {
				'pref:group_reminder': 'email',
				quietStart: '22:00',
				quietEnd: '07:00',
				timeZone: zone,
				dailyDigest: 'on'
			}
		});
		expect(await getPreferences({ db: app.db, actor: me })).toEqual({
			channels: { group_reminder: 'email' },
			quietStart: '22:00',
			quietEnd: '07:00',
			timeZone: zone,
			dailyDigest: true
		});
		await sendDueReminders({ db: app.db, mail: app.mailer });
		const channels = async (userId: string) =>
			(
				await app.db
					.select({ channel: reminderDeliveries.channel })
					.from(reminderDeliveries)
					.where(and(eq(reminderDeliveries.userId, userId)))
			)
				.map((r) => r.channel)
				.sort();
		expect(await channels(me.userId)).toEqual(['email']);
		expect(await listNotifications({ db: app.db, actor: me })).toEqual([]);
		expect(await channels(other.userId)).toEqual(['email', 'in_app']);
		expect(await listNotifications({ db: app.db, actor: other })).toHaveLength(1);
	});

	it('holds a reminder email during quiet hours and sends it once they end', async () => {
		const site = await makeSite(app);
		const now = new Date();
		const g = await makeGroup(app, site, {
			members: 1,
			sessions: 1,
			firstSessionAt: new Date(now.getTime() + 3 * 3600_000)
		});
		const [me] = g.members;
		if (!me) throw new Error('a member expected');
		const hhmm = (d: Date) => d.toISOString().slice(11, 16);
		await setPreferences({
			db: app.db,
			actor: me,
			input: {
				'pref:group_reminder': 'email',
				quietStart: hhmm(new Date(now.getTime() - 3600_000)),
				quietEnd: hhmm(new Date(now.getTime() + 3600_000)),
				timeZone: 'UTC'
			}
		});
		const sent = async () =>
			(
				await app.db
					.select({ channel: reminderDeliveries.channel })
					.from(reminderDeliveries)
					.where(eq(reminderDeliveries.userId, me.userId))
			).length;
		await sendDueReminders({ db: app.db, mail: app.mailer, now });
		expect(await sent()).toBe(0);
		await sendDueReminders({
			db: app.db,
			mail: app.mailer,
			now: new Date(now.getTime() + 2 * 3600_000)
		});
		expect(await sent()).toBe(1);
	});
});
