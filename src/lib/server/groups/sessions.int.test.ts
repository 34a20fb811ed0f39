import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import type { Site } from '../sites/sites.schema';
import type { Actor } from '../access/actor';
import { formatDateTime } from '../../format';
import { groupAttendance, groupMembers, groupSessions, reminderDeliveries } from './groups.schema';
import { importProgrammeFolder } from '../programmes/import-programme';
import { englishOnly } from '../testing/programme-folders';
import { openGroup } from './open-group';
import { joinGroup, leaveGroup } from './join-group';
import { setReminderPrefs } from './member-choices';
import { cancelSession, scheduleGroupSessions } from './schedule-group-sessions';
import { getGroupSession, recordGroupSession } from './run-group-session';
import { getGroup } from './get-group';
import { calendarFeed } from './calendar-feed';
import { sendDueReminders } from './send-due-reminders';
import { listGroups } from './list-groups';

/** Wall-clock time of an instant in a zone, e.g. "2026-10-29 18:00". */
const wall = (d: Date, timeZone: string) =>
	new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(d);

describe.each(dbKinds)('group sessions on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	/** A PEER group on a Copenhagen site, led by two new peer workers, with `members` joined. */
	async function peerGroup(opts: { site?: Site; leaders?: Actor[]; members?: number } = {}) {
		const site = opts.site ?? (await makeSite(app));
		const { programmeId } = await importProgrammeFolder({
			db: app.db,
			actor: null,
			siteId: site.id,
			// The shipped folder in English only: the test site offers English and Hebrew.
			folder: englishOnly('content/programmes/paths-to-everyday-life')
		});
		const leaders = opts.leaders ?? [
			(await makePerson(app, site, ['peer_worker'])).actor,
			(await makePerson(app, site, ['peer_worker'])).actor
		];
		const [lead, co] = leaders;
		if (!lead || !co) throw new Error('two leaders expected');
		const { id: groupId } = await openGroup({
			db: app.db,
			actor: lead,
			input: {
				programmeId,
				name: `Group ${Math.random().toString(36).slice(2, 7)}`,
				locale: 'en',
				capacity: '10',
				enrolment: 'open',
				facilitatorId: lead.userId,
				coFacilitatorId: co.userId
			}
		});
		const members: Actor[] = [];
		for (let i = 0; i < (opts.members ?? 0); i++) {
			const m = await makePerson(app, site, ['member']);
			await joinGroup({ db: app.db, actor: m.actor, input: { groupId } });
			members.push(m.actor);
		}
		return { site, groupId, lead, co, leaders, members };
	}

	const schedule = (
		actor: Actor,
		groupId: string,
		first: string,
		extra: Partial<{
			count: string;
			minutes: string;
			delivery: 'live' | 'in_person' | 'video';
			place: string;
			videoUrl: string;
			rhythm: 'weekly' | 'fortnightly';
		}> = {}
	) =>
		scheduleGroupSessions({
			db: app.db,
			actor,
			input: {
				groupId,
				first,
				count: extra.count ?? '1',
				rhythm: extra.rhythm ?? 'weekly',
				minutes: extra.minutes ?? '90',
				delivery: extra.delivery ?? 'live',
				place: extra.place,
				videoUrl: extra.videoUrl
			}
		});

	it('keeps 18:00 in Copenhagen across the October change, and shows it in another zone', async () => {
		const g = await peerGroup({ members: 1 });
		const { ids } = await schedule(g.lead, g.groupId, '2026-10-15T18:00', { count: '3' });
		expect(ids).toHaveLength(3);
		const view = await getGroup({
			db: app.db,
			actor: g.members[0] ?? null,
			input: { groupId: g.groupId, locale: 'en' }
		});
		const starts = view.sessions.map((s) => s.startsAt);
		expect(starts.map((s) => wall(s, 'Europe/Copenhagen'))).toEqual([
			'2026-10-15 18:00',
			'2026-10-22 18:00',
			'2026-10-29 18:00'
		]);
		// New York changes clocks a week later, so the third session is an hour later there.
		expect(starts.map((s) => wall(s, 'America/New_York'))).toEqual([
			'2026-10-15 12:00',
			'2026-10-22 12:00',
			'2026-10-29 13:00'
		]);
		expect(formatDateTime(starts[2] ?? 0, 'en-GB', 'America/New_York')).toContain('13:00');
		expect(view.sessions.map((s) => [s.number, s.theme])).toEqual([
			[1, 'Getting started and making our group agreement'],
			[2, 'What to tell others, and when'],
			[3, 'What matters most to me']
		]);
		expect(
			view.sessions.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 90 * 60_000)
		).toBe(true);
	});

	it('refuses a session that overlaps another group the same facilitator leads, naming it', async () => {
		const first = await peerGroup();
		const second = await peerGroup({
			site: first.site,
			leaders: [first.co, (await makePerson(app, first.site, ['peer_worker'])).actor]
		});
		await schedule(first.lead, first.groupId, '2026-11-03T18:00');
		const clash = schedule(second.lead, second.groupId, '2026-11-03T19:00');
		await expect(clash).rejects.toMatchObject({
			code: 'conflict',
			fields: { first: 'groups_err_overlap' },
			params: { group: expect.stringMatching(/^Group /), when: new Date('2026-11-03T17:00Z') }
		});
		// Back to back is fine, and so is a clash with a cancelled session.
		await schedule(second.lead, second.groupId, '2026-11-03T19:30');
		const { ids } = await schedule(first.lead, first.groupId, '2026-11-10T18:00');
		await cancelSession({
			db: app.db,
			actor: first.lead,
			input: { groupId: first.groupId, sessionId: ids[0] ?? '' }
		});
		await schedule(second.lead, second.groupId, '2026-11-10T18:30');
		// A video session needs an https link; in person needs a place.
		await expect(
			schedule(first.lead, first.groupId, '2026-12-01T18:00', {
				delivery: 'video',
				videoUrl: 'http://meet.example.org/x'
			})
		).rejects.toMatchObject({ fields: { videoUrl: 'groups_err_video_url' } });
		await expect(
			schedule(first.lead, first.groupId, '2026-12-01T18:00', { delivery: 'in_person' })
		).rejects.toMatchObject({ fields: { place: 'groups_err_place' } });
		// Members cannot schedule.
		const member = (await makePerson(app, first.site, ['member'])).actor;
		await joinGroup({ db: app.db, actor: member, input: { groupId: first.groupId } });
		await expect(schedule(member, first.groupId, '2026-12-01T18:00')).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('records attendance and logs, and sums them up for the facilitators', async () => {
		const g = await peerGroup({ members: 2 });
		const [a, b] = g.members;
		if (!a || !b) throw new Error('two members expected');
		const { ids } = await schedule(g.lead, g.groupId, '2027-01-05T18:00', {
			count: '2',
			delivery: 'in_person',
			place: 'Library, room 2'
		});
		const [s1, s2] = ids;
		if (!s1 || !s2) throw new Error('two sessions expected');
		const page = await getGroupSession({
			db: app.db,
			actor: g.co,
			input: { groupId: g.groupId, sessionId: s1 }
		});
		expect(page.theme).toBe('Getting started and making our group agreement');
		expect(page.guideHtml).toContain('<p>');
		expect(page.fidelityItems).toHaveLength(5);
		const keys = page.fidelityItems.map((f) => f.key);
		await recordGroupSession({
			db: app.db,
			actor: g.lead,
			input: {
				groupId: g.groupId,
				sessionId: s1,
				present: [a.userId],
				themeCovered: 'on',
				checklist: keys.slice(0, 3),
				incidents: '',
				note: 'Calm start.'
			}
		});
		// b was in the live room for session 2: a manual record keeps that.
		await app.db
			.insert(groupAttendance)
			.values({ sessionId: s2, userId: b.userId, present: true, source: 'live' });
		await recordGroupSession({
			db: app.db,
			actor: g.lead,
			input: {
				groupId: g.groupId,
				sessionId: s2,
				present: [a.userId],
				themeCovered: 'on',
				checklist: keys
			}
		});
		const overview = await getGroup({
			db: app.db,
			actor: g.lead,
			input: { groupId: g.groupId, locale: 'en' }
		});
		expect(overview.summary?.held).toBe(2);
		expect(overview.summary?.fidelityPercent).toBe(80);
		const attended = Object.fromEntries(
			overview.summary?.attendance.map((r) => [r.userId, r.attended]) ?? []
		);
		expect(attended).toEqual({ [a.userId]: 2, [b.userId]: 1 });
		const again = await getGroupSession({
			db: app.db,
			actor: g.lead,
			input: { groupId: g.groupId, sessionId: s1 }
		});
		expect(again.log).toMatchObject({ themeCovered: true, note: 'Calm start.' });
		expect(again.members.find((m) => m.userId === b.userId)?.present).toBe(false);
		// Members see no summary and cannot open the facilitators' session page.
		const asMember = await getGroup({
			db: app.db,
			actor: a,
			input: { groupId: g.groupId, locale: 'en' }
		});
		expect(asMember.summary).toBeNull();
		await expect(
			getGroupSession({ db: app.db, actor: a, input: { groupId: g.groupId, sessionId: s1 } })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('serves a member their calendar by token, and nothing for a wrong or stale token', async () => {
		const g = await peerGroup({ members: 2 });
		const [a, b] = g.members;
		if (!a || !b) throw new Error('two members expected');
		const { ids } = await schedule(g.lead, g.groupId, '2027-03-02T18:00', {
			count: '3',
			delivery: 'video',
			videoUrl: 'https://video.example.org/room/42'
		});
		await cancelSession({
			db: app.db,
			actor: g.lead,
			input: { groupId: g.groupId, sessionId: ids[1] ?? '' }
		});
		const tokenOf = async (who: Actor) => {
			const [row] = await app.db
				.select({ token: groupMembers.calendarToken })
				.from(groupMembers)
				.where(and(eq(groupMembers.groupId, g.groupId), eq(groupMembers.userId, who.userId)));
			return row?.token ?? '';
		};
		const feed = await calendarFeed({
			db: app.db,
			input: { groupId: g.groupId, token: await tokenOf(a), origin: 'https://kith.example' }
		});
		const lines = feed.body.split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
		expect(lines).toContain('DTSTART:20270302T170000Z');
		expect(lines).toContain('LOCATION:https://video.example.org/room/42');
		expect(feed.body).toContain('SUMMARY:Group');
		expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
		expect(feed.filename).toMatch(/\.ics$/);

		const stale = await tokenOf(b);
		await leaveGroup({ db: app.db, actor: b, input: { groupId: g.groupId } });
		for (const token of ['x'.repeat(32), stale])
			await expect(
				calendarFeed({ db: app.db, input: { groupId: g.groupId, token, origin: '' } })
			).rejects.toMatchObject({ code: 'not_found' });
	});

	it('reminds each member once per channel, and not those who turned reminders off', async () => {
		const g = await peerGroup({ members: 3 });
		const [a, b, c] = g.members;
		if (!a || !b || !c) throw new Error('three members expected');
		await setReminderPrefs({
			db: app.db,
			actor: b,
			input: { groupId: g.groupId, inApp: 'on', email: '' }
		});
		await setReminderPrefs({
			db: app.db,
			actor: c,
			input: { groupId: g.groupId, inApp: '', email: '' }
		});
		// Sessions far from every other test's, so this run sees only them.
		const { ids } = await schedule(g.lead, g.groupId, '2031-01-07T18:00', { count: '2' });
		const soon = new Date('2031-01-07T10:00:00Z');
		const first = await sendDueReminders({
			db: app.db,
			mail: app.mailer,
			now: soon,
			origin: 'https://kith.example'
		});
		expect(first).toEqual({ inApp: 2, email: 1, failed: 0, skipped: false });
		const second = await sendDueReminders({
			db: app.db,
			mail: app.mailer,
			now: new Date(soon.getTime() + 3600_000)
		});
		expect(second).toEqual({ inApp: 0, email: 0, failed: 0, skipped: false });

		const deliveries = await app.db
			.select({
				userId: reminderDeliveries.userId,
				channel: reminderDeliveries.channel,
				sessionId: reminderDeliveries.sessionId
			})
			.from(reminderDeliveries)
			.where(eq(reminderDeliveries.sessionId, ids[0] ?? ''));
		expect(
			deliveries
				.map(
					(d) => `${d.userId === a.userId ? 'a' : d.userId === b.userId ? 'b' : 'c'}:${d.channel}`
				)
				.sort()
		).toEqual(['a:email', 'a:in_app', 'b:in_app']);
		const mail = app.mailer.outbox?.(g.site.id) ?? [];
		const mine = mail.filter((m) => m.to === a.email);
		expect(mine).toHaveLength(1);
		expect(mine[0]?.text).toContain(`https://kith.example/groups/${g.groupId}`);
		expect(mail.some((m) => m.to === b.email || m.to === c.email)).toBe(false);

		const page = await listGroups({ db: app.db, actor: b, input: { locale: 'en' } });
		expect(page.reminders).toEqual([
			expect.objectContaining({ groupId: g.groupId, sessionId: ids[0] })
		]);
		const none = await listGroups({ db: app.db, actor: c, input: { locale: 'en' } });
		expect(none.reminders).toEqual([]);
		// A cancelled session is not announced.
		await cancelSession({
			db: app.db,
			actor: g.lead,
			input: { groupId: g.groupId, sessionId: ids[1] ?? '' }
		});
		const later = await sendDueReminders({
			db: app.db,
			mail: app.mailer,
			now: new Date('2031-01-14T10:00:00Z')
		});
		expect(later.inApp + later.email).toBe(0);
		const [row] = await app.db
			.select()
			.from(groupSessions)
			.where(eq(groupSessions.id, ids[1] ?? ''));
		expect(row?.status).toBe('cancelled');
	});
});
