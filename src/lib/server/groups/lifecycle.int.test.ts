import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { readSse } from '../testing/sse';
import type { Actor } from '../access/actor';
import { auditLog } from '../audit/audit.schema';
import { groupMembers, groupSessions, reminderDeliveries } from './groups.schema';
import { closeGroup } from './close-group';
import { joinGroup, leaveGroup } from './join-group';
import { decideRequest, inviteMember } from './manage-enrolment';
import { respondToInvitation } from './member-choices';
import { scheduleGroupSessions } from './schedule-group-sessions';
import { setRoomStatus } from '../live-room/room-controls';
import { sendChatMessage } from '../live-room/send-chat-message';
import { openRoomStream } from '../live-room/open-room-stream';
import { getGroup } from './get-group';
import { listGroups } from './list-groups';
import { listProgrammes } from '../programmes/list-programmes';
import { calendarFeed } from './calendar-feed';
import { rotateCalendarToken } from './rotate-calendar-token';
import { sendDueReminders } from './send-due-reminders';
import { markRemindersRead } from './mark-reminders-read';
import { postReply, postThread } from '../board/post-to-board';
import { reactToPost } from '../board/react-to-post';
import { listThreads } from '../board/list-threads';
import { getThread } from '../board/get-thread';

const one = <T>(xs: readonly T[], i = 0): T => {
	const x = xs[i];
	if (x === undefined) throw new Error(`no item ${i}`);
	return x;
};
const DAY = 24 * 3600_000;

describe.each(dbKinds)('closing groups, calendar addresses and reminders on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const statusOf = async (groupId: string, who: Actor) => {
		const [row] = await app.db
			.select({ status: groupMembers.status })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, who.userId)));
		return row?.status ?? null;
	};
	const auditActions = async (entityId: string) =>
		(
			await app.db
				.select({ action: auditLog.action, details: auditLog.details })
				.from(auditLog)
				.where(eq(auditLog.entityId, entityId))
		).map((r) => ({ action: r.action, details: r.details }));

	it('closes a group: nobody new comes in, nobody posts, sessions ahead are cancelled, members keep reading', async () => {
		const site = await makeSite(app);
		// Two sessions behind us, one ahead that is live now, one further ahead.
		const g = await makeGroup(app, site, {
			members: 2,
			capacity: 2,
			sessions: 4,
			enrolment: 'request',
			firstSessionAt: new Date(Date.now() - 8 * DAY)
		});
		const [lead] = g.facilitators;
		const [a] = g.members;
		if (!lead || !a) throw new Error('a facilitator and a member expected');
		const ids = (i: number) => ({ groupId: g.groupId, sessionId: one(g.sessionIds, i) });
		await setRoomStatus({
			db: app.db,
			bus: app.realtime,
			actor: lead,
			input: { ...ids(2), status: 'open' }
		});
		const thread = await postThread({
			db: app.db,
			actor: a,
			input: { groupId: g.groupId, title: 'Before the end', body: 'Thank you all.' }
		});
		// Someone asking, someone on the waitlist (approved while full), someone invited.
		const asking = (await makePerson(app, site, ['member'])).actor;
		const waiting = (await makePerson(app, site, ['member'])).actor;
		const invited = await makePerson(app, site, ['member']);
		for (const who of [asking, waiting])
			expect(await joinGroup({ db: app.db, actor: who, input: g })).toBe('requested');
		expect(
			await decideRequest({
				db: app.db,
				actor: lead,
				input: { groupId: g.groupId, userId: waiting.userId, decision: 'approve' }
			})
		).toBe('waitlisted');
		await inviteMember({
			db: app.db,
			actor: lead,
			input: { groupId: g.groupId, email: invited.email }
		});
		const live = readSse(
			await openRoomStream({
				deps: app,
				actor: a,
				input: { ...ids(2), after: 0 },
				signal: new AbortController().signal
			})
		);
		await live.until((es) => es.some((e) => e.event === 'state'));

		// Only a facilitator (or a site admin) may close it, and only with a reason, confirmed.
		const close = (actor: Actor | null, extra: Record<string, string> = {}) =>
			closeGroup({
				db: app.db,
				actor,
				input: { groupId: g.groupId, reason: 'course_ended', confirm: 'on', ...extra }
			});
		const moderator = (await makePerson(app, site, ['moderator'])).actor;
		for (const who of [a, moderator, (await makePerson(app, site, ['peer_worker'])).actor])
			await expect(close(who)).rejects.toMatchObject({ code: 'not_found' });
		await expect(close(lead, { confirm: '' })).rejects.toMatchObject({
			fields: { confirm: 'groups_err_close_confirm' }
		});
		await expect(close(lead, { reason: 'bored' })).rejects.toMatchObject({
			fields: { reason: 'groups_err_close_reason' }
		});
		expect((await getGroup({ db: app.db, actor: a, input: { ...g, locale: 'en' } })).closed).toBe(
			false
		);

		expect(await close(lead)).toEqual({ cancelledSessions: 1, endedSessions: 1, withdrawn: 3 });
		await expect(close(lead)).rejects.toMatchObject({
			code: 'conflict',
			fields: { _: 'groups_err_already_closed' }
		});

		// The live room ends at once for the member in it.
		await live.until((es) =>
			es.some((e) => e.event === 'state' && e.data.includes('"status":"closed"'))
		);
		await live.cancel();
		const sessions = await app.db
			.select({ id: groupSessions.id, status: groupSessions.status })
			.from(groupSessions)
			.where(eq(groupSessions.groupId, g.groupId));
		const statusById = new Map(sessions.map((s) => [s.id, s.status]));
		expect(g.sessionIds.map((id) => statusById.get(id))).toEqual([
			'scheduled',
			'scheduled',
			'closed',
			'cancelled'
		]);

		// Nobody new comes in: each refusal says why, at the top of the form or beside its field.
		const closedEnrolment = { code: 'conflict', fields: { _: 'groups_err_closed_enrolment' } };
		const stranger = (await makePerson(app, site, ['member'])).actor;
		for (const who of [stranger, asking, waiting])
			await expect(joinGroup({ db: app.db, actor: who, input: g })).rejects.toMatchObject(
				closedEnrolment
			);
		await expect(
			respondToInvitation({
				db: app.db,
				actor: invited.actor,
				input: { groupId: g.groupId, accept: true }
			})
		).rejects.toMatchObject(closedEnrolment);
		await expect(leaveGroup({ db: app.db, actor: asking, input: g })).rejects.toMatchObject(
			closedEnrolment
		);
		await expect(
			decideRequest({
				db: app.db,
				actor: lead,
				input: { groupId: g.groupId, userId: asking.userId, decision: 'approve' }
			})
		).rejects.toMatchObject(closedEnrolment);
		await expect(
			inviteMember({
				db: app.db,
				actor: lead,
				input: { groupId: g.groupId, email: (await makePerson(app, site, ['member'])).email }
			})
		).rejects.toMatchObject({ fields: { email: 'groups_err_closed_enrolment' } });
		await expect(
			scheduleGroupSessions({
				db: app.db,
				actor: lead,
				input: {
					groupId: g.groupId,
					first: '2031-03-03T18:00',
					rhythm: 'weekly',
					delivery: 'live'
				}
			})
		).rejects.toMatchObject({ fields: { first: 'groups_err_closed_sessions' } });
		await expect(
			setRoomStatus({
				db: app.db,
				bus: app.realtime,
				actor: lead,
				input: { ...ids(1), status: 'open' }
			})
		).rejects.toMatchObject({ fields: { status: 'groups_err_closed_sessions' } });

		// Nobody posts, replies, reacts or chats — facilitators included.
		const closedForPosts = { fields: { body: 'groups_err_closed' } };
		for (const who of [a, lead]) {
			await expect(
				postThread({
					db: app.db,
					actor: who,
					input: { groupId: g.groupId, title: 'After', body: 'Still here?' }
				})
			).rejects.toMatchObject(closedForPosts);
			await expect(
				postReply({
					db: app.db,
					actor: who,
					input: { groupId: g.groupId, threadId: thread.threadId, body: 'Me too' }
				})
			).rejects.toMatchObject(closedForPosts);
			await expect(
				reactToPost({
					db: app.db,
					actor: who,
					input: { groupId: g.groupId, postId: thread.postId, kind: 'well_done' }
				})
			).rejects.toMatchObject(closedForPosts);
			await expect(
				sendChatMessage({
					db: app.db,
					bus: app.realtime,
					actor: who,
					input: { ...ids(2), clientId: randomUUID(), body: 'Hello?' }
				})
			).rejects.toMatchObject({ code: 'invalid_input', fields: { body: expect.any(String) } });
		}

		// Members keep the history, read-only.
		const board = await listThreads({ db: app.db, actor: a, input: g });
		expect(board.group.closedAt).toBeInstanceOf(Date);
		expect(board.threads.map((t) => t.title)).toEqual(['Before the end']);
		const read = await getThread({
			db: app.db,
			actor: a,
			input: { groupId: g.groupId, threadId: thread.threadId }
		});
		expect(read.thread.body).toBe('Thank you all.');
		const overview = await getGroup({ db: app.db, actor: a, input: { ...g, locale: 'en' } });
		expect(overview).toMatchObject({ closed: true, role: 'member', myStatus: 'member' });
		expect(overview.closedAt).toBeInstanceOf(Date);

		// Whoever was waiting learns their request was withdrawn; nobody sees the group to join.
		for (const who of [asking, waiting, invited.actor]) {
			expect(await statusOf(g.groupId, who)).toBe('left');
			const page = await listGroups({ db: app.db, actor: who, input: { locale: 'en' } });
			expect(page.mine).toEqual([
				expect.objectContaining({ id: g.groupId, status: 'withdrawn', closedAt: expect.any(Date) })
			]);
			const outline = await getGroup({ db: app.db, actor: who, input: { ...g, locale: 'en' } });
			expect(outline).toMatchObject({ role: null, myStatus: 'withdrawn', closed: true });
			expect(outline.members).toEqual([]);
		}
		const mine = await listGroups({ db: app.db, actor: a, input: { locale: 'en' } });
		expect(mine.mine).toEqual([
			expect.objectContaining({ id: g.groupId, status: 'member', closedAt: expect.any(Date) })
		]);
		const theirs = await listGroups({ db: app.db, actor: stranger, input: { locale: 'en' } });
		expect(theirs.joinable.map((c) => c.id)).not.toContain(g.groupId);
		const led = await listGroups({ db: app.db, actor: lead, input: { locale: 'en' } });
		expect(led.facilitating).toEqual([
			expect.objectContaining({ id: g.groupId, closedAt: expect.any(Date), nextSession: null })
		]);
		expect(led.facilitatingAll).toBe(false);
		// A moderator leads none of them: they see every group of the site, named as such.
		const overseen = await listGroups({ db: app.db, actor: moderator, input: { locale: 'en' } });
		expect(overseen.facilitatingAll).toBe(true);
		expect(overseen.facilitating.map((c) => c.id)).toContain(g.groupId);

		// A member may still leave it, and then it is gone from their list.
		await leaveGroup({ db: app.db, actor: a, input: g });
		expect(
			(await listGroups({ db: app.db, actor: a, input: { locale: 'en' } })).mine.map((c) => c.id)
		).not.toContain(g.groupId);

		// Reminders stop: the cancelled session is never announced.
		await sendDueReminders({
			db: app.db,
			mail: app.mailer,
			now: new Date(Date.now() + 12 * DAY)
		});
		const reminded = await app.db
			.select({ id: reminderDeliveries.id })
			.from(reminderDeliveries)
			.where(inArray(reminderDeliveries.sessionId, g.sessionIds));
		expect(reminded).toEqual([]);

		const audit = await auditActions(g.groupId);
		expect(audit).toContainEqual({
			action: 'group.close',
			details: {
				reason: 'course_ended',
				as: 'facilitator',
				cancelledSessions: 1,
				endedSessions: 1,
				withdrawn: 3
			}
		});
	});

	it('lets a site admin close a group of their site (only), from the programmes list', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 1 });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const elsewhere = (await makePerson(app, await makeSite(app), ['site_admin'])).actor;
		const input = { groupId: g.groupId, reason: 'too_few_members' as const, confirm: 'on' };
		await expect(closeGroup({ db: app.db, actor: elsewhere, input })).rejects.toMatchObject({
			code: 'not_found'
		});
		const before = (await listProgrammes({ db: app.db, actor: admin, input: { locale: 'en' } }))
			.programmes;
		expect(before.flatMap((p) => p.groupList)).toEqual([
			expect.objectContaining({ id: g.groupId, closedAt: null, members: 1 })
		]);
		await closeGroup({ db: app.db, actor: admin, input });
		const after = (await listProgrammes({ db: app.db, actor: admin, input: { locale: 'en' } }))
			.programmes;
		expect(after.flatMap((p) => p.groupList)).toEqual([
			expect.objectContaining({ id: g.groupId, closedAt: expect.any(Date) })
		]);
		// Still listed, but no longer counted among the groups running the programme.
		expect([before, after].map((list) => list.map((p) => p.groups))).toEqual([[1], [0]]);
		expect(await auditActions(g.groupId)).toContainEqual({
			action: 'group.close',
			details: expect.objectContaining({ reason: 'too_few_members', as: 'site_admin' })
		});
	});

	it('gives a member a new calendar address: the old one is not found from that moment', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 2 });
		const [a, b] = g.members;
		if (!a || !b) throw new Error('two members expected');
		const tokenOf = async (who: Actor) =>
			(await getGroup({ db: app.db, actor: who, input: { ...g, locale: 'en' } })).calendarToken ??
			'';
		const feed = (token: string) =>
			calendarFeed({ db: app.db, input: { groupId: g.groupId, token, origin: '' } });
		const old = await tokenOf(a);
		expect((await feed(old)).body).toContain('BEGIN:VEVENT');

		const { calendarToken } = await rotateCalendarToken({ db: app.db, actor: a, input: g });
		expect(calendarToken).not.toBe(old);
		expect(await tokenOf(a)).toBe(calendarToken);
		await expect(feed(old)).rejects.toMatchObject({ code: 'not_found' });
		expect((await feed(calendarToken)).body).toContain('BEGIN:VEVENT');
		// The other member's address is untouched.
		expect((await feed(await tokenOf(b))).body).toContain('BEGIN:VEVENT');

		// Only someone in the group has an address to replace.
		const outsider = (await makePerson(app, site, ['member'])).actor;
		await expect(
			rotateCalendarToken({ db: app.db, actor: outsider, input: g })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			rotateCalendarToken({ db: app.db, actor: one(g.facilitators), input: g })
		).rejects.toMatchObject({ code: 'not_found' });

		const audit = await auditActions(g.groupId);
		const rotated = audit.filter((r) => r.action === 'group.calendar_rotate');
		expect(rotated).toHaveLength(1);
		// The secret never goes into the audit trail.
		expect(JSON.stringify(audit)).not.toContain(calendarToken);
	});

	it('lets a member mark in-app reminders read, one or all, and counts only unread ones as new', async () => {
		const site = await makeSite(app);
		const soon = new Date(Date.now() + 2 * 3600_000);
		const first = await makeGroup(app, site, { members: 2, sessions: 1, firstSessionAt: soon });
		const [me, other] = first.members;
		if (!me || !other) throw new Error('two members expected');
		const second = await makeGroup(app, site, {
			members: 0,
			sessions: 1,
			firstSessionAt: new Date(soon.getTime() + 3600_000)
		});
		await joinGroup({ db: app.db, actor: me, input: second });
		await sendDueReminders({ db: app.db, mail: app.mailer });
		const page = async (who: Actor = me) =>
			listGroups({ db: app.db, actor: who, input: { locale: 'en' } });

		const start = await page();
		expect(start.unreadReminders).toBe(2);
		expect(start.reminders.map((r) => r.unread)).toEqual([true, true]);
		const [r1, r2] = start.reminders;
		if (!r1 || !r2) throw new Error('two reminders expected');

		// Someone else's reminder, or an id nobody has, is not found.
		for (const reminderId of [r1.id, randomUUID(), 'nonsense'])
			await expect(
				markRemindersRead({ db: app.db, actor: other, input: { reminderId } })
			).rejects.toMatchObject({ code: 'not_found' });
		expect((await page()).unreadReminders).toBe(2);

		expect(
			await markRemindersRead({ db: app.db, actor: me, input: { reminderId: r1.id } })
		).toEqual({ marked: 1 });
		const after = await page();
		expect(after.unreadReminders).toBe(1);
		// A read reminder is still listed (the session is still coming), just no longer new.
		expect(after.reminders.map((r) => [r.id, r.unread])).toEqual([
			[r1.id, false],
			[r2.id, true]
		]);
		expect(
			await markRemindersRead({ db: app.db, actor: me, input: { reminderId: r1.id } })
		).toEqual({ marked: 0 });
		expect((await page(other)).unreadReminders).toBe(1);

		expect(await markRemindersRead({ db: app.db, actor: me, input: {} })).toEqual({ marked: 1 });
		expect((await page()).unreadReminders).toBe(0);
		expect((await page(other)).unreadReminders).toBe(1);

		const audited = await app.db
			.select({ entityId: auditLog.entityId })
			.from(auditLog)
			.where(and(eq(auditLog.action, 'group.reminder_read'), eq(auditLog.actorUserId, me.userId)));
		expect(audited.map((r) => r.entityId).sort()).toEqual([r1.sessionId, r2.sessionId].sort());
	});
});
