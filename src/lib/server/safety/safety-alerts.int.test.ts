import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { notifications } from '../notifications/notifications.schema';
import { jobs } from '../scheduler/scheduler.schema';
import { runDueJobs } from '../scheduler/scheduler';
import { boardPosts } from '../board/board.schema';
import { postThread } from '../board/post-to-board';
import { listQueue } from '../moderation/list-queue';
import { hideAlertContent } from '../moderation/hide-alert-content';
import { setRoomStatus } from '../live-room/room-controls';
import { sendChatMessage } from '../live-room/send-chat-message';
import { chatMessages } from '../live-room/live-room.schema';
import { raiseSafetyAlert } from './raise-safety-alert';
import { assignCareTeam } from '../care-team/assign-care-team';
import { listSafetyAlerts } from './list-safety-alerts';
import { getSafetyAlert } from './get-safety-alert';
import { acknowledgeSafetyAlert } from './acknowledge-safety-alert';
import { recordCareStep } from './record-care-step';
import { closeSafetyAlert } from './close-safety-alert';
import { setAlertSettings } from './alert-settings';
import { safetyJobHandlers } from './alert-jobs';
import { safetyAlertEvents, safetyAlertPeople, safetyAlerts } from './safety.schema';
import { SAFETY_ALERT, SAFETY_CRISIS_HELP, SAFETY_ESCALATE_JOB } from './alert-kinds';

async function refusal(
	p: Promise<unknown>
): Promise<{ code: string; fields: Record<string, string> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AppError) return { code: e.code, fields: e.fields };
		throw e;
	}
	throw new Error('expected a refusal');
}

describe.each(dbKinds)('safety alerts on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	async function setting() {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 2 });
		const [ann, ben] = g.members as [Actor, Actor];
		const [fac1, fac2] = g.facilitators as [Actor, Actor];
		const onCall = (await makePerson(app, site, ['professional'])).actor;
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const moderator = (await makePerson(app, site, ['moderator'])).actor;
		const other = (await makePerson(app, site, ['professional'])).actor;
		await setAlertSettings({
			db: app.db,
			actor: admin,
			input: { ackMinutes: '30', onCall: [onCall.userId] }
		});
		return { site, groupId: g.groupId, ann, ben, fac1, fac2, onCall, admin, moderator, other };
	}
	const raise = (
		s: { site: { id: string } },
		personId: string,
		o: { groupId?: string | null; sourceId?: string; source?: 'board' | 'checkin'; now?: Date } = {}
	) =>
		app.db.transaction((tx) =>
			raiseSafetyAlert(
				tx,
				{
					siteId: s.site.id,
					personId,
					source: o.source ?? 'checkin',
					sourceId: o.sourceId ?? crypto.randomUUID(),
					groupId: o.groupId ?? null,
					reason: o.source === 'board' ? 'risk_phrase' : 'answer_rule'
				},
				{ now: o.now }
			)
		);
	const holders = async (alertId: string) =>
		(
			await app.db
				.select({
					userId: safetyAlertPeople.userId,
					why: safetyAlertPeople.why,
					level: safetyAlertPeople.level
				})
				.from(safetyAlertPeople)
				.where(eq(safetyAlertPeople.alertId, alertId))
		).sort((a, b) => a.userId.localeCompare(b.userId));
	const notified = async (userId: string, kindOf = SAFETY_ALERT) =>
		app.db
			.select({ targetId: notifications.targetId })
			.from(notifications)
			.where(and(eq(notifications.userId, userId), eq(notifications.kind, kindOf)));
	const handlers = () => safetyJobHandlers(app);

	it('a risk phrase on the board goes to the group facilitators, care first, and the author sees crisis help', async () => {
		const s = await setting();
		const { risk, postId } = await postThread({
			db: app.db,
			actor: s.ann,
			input: { groupId: s.groupId, title: 'Tonight', body: 'I want to die' }
		});
		expect(risk).toBe(true);
		const [alert] = await app.db
			.select()
			.from(safetyAlerts)
			.where(eq(safetyAlerts.sourceId, postId));
		expect(alert).toMatchObject({
			source: 'board',
			reason: 'risk_phrase',
			status: 'open',
			personId: s.ann.userId,
			groupId: s.groupId
		});
		const id = alert?.id ?? '';
		expect((await holders(id)).map((h) => h.userId).sort()).toEqual(
			[s.fac1.userId, s.fac2.userId].sort()
		);
		expect(await notified(s.fac1.userId)).toEqual([{ targetId: id }]);
		// Not a sanction-first moderation item.
		expect((await listQueue({ db: app.db, actor: s.moderator })).entries).toEqual([]);
		// The email and the escalation wait in the scheduler.
		const queued = await app.db
			.select({ kind: jobs.kind, key: jobs.key })
			.from(jobs)
			.where(eq(jobs.siteId, s.site.id));
		expect(queued.map((j) => j.key).sort()).toEqual([`${id}:0`, id].sort());
		const [raised] = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'safety.alert_raise')));
		expect(raised?.actorUserId).toBe(s.ann.userId);
		// Raising it again answers the same alert.
		const again = await raise(s, s.ann.userId, {
			source: 'board',
			sourceId: postId,
			groupId: s.groupId
		});
		expect(again.alertId).toBe(id);
	});

	it('outside a group with nobody assigned, the on-call list holds it; who sees what', async () => {
		const s = await setting();
		const { alertId } = await raise(s, s.ann.userId);
		expect(await holders(alertId)).toEqual([{ userId: s.onCall.userId, why: 'on_call', level: 0 }]);
		const full = await getSafetyAlert({
			db: app.db,
			secret: app.config.secret,
			actor: s.onCall,
			input: { alertId }
		});
		expect(full.view).toBe('full');
		expect(full.person?.name).toBe(s.ann.name);
		const meta = await getSafetyAlert({
			db: app.db,
			secret: app.config.secret,
			actor: s.admin,
			input: { alertId }
		});
		expect(meta).toMatchObject({ view: 'metadata', person: null, group: null, content: null });
		expect((await listSafetyAlerts({ db: app.db, actor: s.admin }))[0]).toMatchObject({
			view: 'metadata',
			person: null
		});
		for (const actor of [s.other, s.moderator, s.fac1, s.ann, s.ben])
			expect(
				(
					await refusal(
						getSafetyAlert({ db: app.db, secret: app.config.secret, actor, input: { alertId } })
					)
				).code
			).toBe('not_found');
		expect(await listSafetyAlerts({ db: app.db, actor: s.other })).toEqual([]);
		// Another site's on-call person sees nothing of it.
		const elsewhere = await setting();
		expect(
			(
				await refusal(
					getSafetyAlert({
						db: app.db,
						secret: app.config.secret,
						actor: elsewhere.onCall,
						input: { alertId }
					})
				)
			).code
		).toBe('not_found');
	});

	it("outside a group, the member's assigned professional holds it, and the on-call list still sees it", async () => {
		const s = await setting();
		await assignCareTeam({
			db: app.db,
			actor: s.admin,
			input: { memberId: s.ann.userId, supporterId: s.other.userId, role: 'care_coordinator' }
		});
		const { alertId } = await raise(s, s.ann.userId);
		expect(await holders(alertId)).toEqual([
			{ userId: s.other.userId, why: 'professional', level: 0 }
		]);
		expect(await notified(s.other.userId)).toEqual([{ targetId: alertId }]);
		for (const actor of [s.other, s.onCall])
			expect(
				(await getSafetyAlert({ db: app.db, secret: app.config.secret, actor, input: { alertId } }))
					.view
			).toBe('full');
		// Ben has nobody assigned: his alert goes to the on-call list.
		const ben = await raise(s, s.ben.userId);
		expect(await holders(ben.alertId)).toEqual([
			{ userId: s.onCall.userId, why: 'on_call', level: 0 }
		]);
	});

	it('unacknowledged in the site time, it escalates to on call and admins once; acknowledged, it does not', async () => {
		const s = await setting();
		const past = new Date(Date.now() - 31 * 60_000);
		const late = await raise(s, s.ann.userId, { groupId: s.groupId, source: 'board', now: past });
		const seen = await raise(s, s.ben.userId, { groupId: s.groupId, source: 'board', now: past });
		await acknowledgeSafetyAlert({ db: app.db, actor: s.fac1, input: { alertId: seen.alertId } });
		expect(
			(
				await refusal(
					acknowledgeSafetyAlert({ db: app.db, actor: s.fac2, input: { alertId: seen.alertId } })
				)
			).fields
		).toEqual({ alert: 'salert_err_not_open' });
		await runDueJobs({ db: app.db, handlers: handlers(), workerId: 'w' });
		const [escalated] = await app.db
			.select()
			.from(safetyAlerts)
			.where(eq(safetyAlerts.id, late.alertId));
		expect(escalated?.escalationLevel).toBe(1);
		expect(
			(await holders(late.alertId))
				.filter((h) => h.level === 1)
				.map((h) => [h.userId, h.why])
				.sort()
		).toEqual(
			[
				[s.onCall.userId, 'on_call'],
				[s.admin.userId, 'site_admin']
			].sort()
		);
		expect(await notified(s.onCall.userId)).toEqual([{ targetId: late.alertId }]);
		const [notEscalated] = await app.db
			.select()
			.from(safetyAlerts)
			.where(eq(safetyAlerts.id, seen.alertId));
		expect([notEscalated?.status, notEscalated?.escalationLevel]).toEqual(['acknowledged', 0]);
		// Emails went out without any detail: no name, no group, no words.
		const mails = app.mailer.outbox?.(s.site.id) ?? [];
		expect(mails.length).toBeGreaterThanOrEqual(4);
		for (const m of mails) {
			expect(m.text).not.toContain(s.ann.name);
			expect(m.text).not.toMatch(/die|board/i);
			expect(m.text).toContain('/safety/alerts/');
		}
		// Running the job again changes nothing.
		await app.db
			.update(jobs)
			.set({ state: 'pending' })
			.where(and(eq(jobs.kind, SAFETY_ESCALATE_JOB), eq(jobs.key, late.alertId)));
		await runDueJobs({ db: app.db, handlers: handlers(), workerId: 'w' });
		const events = await app.db
			.select()
			.from(safetyAlertEvents)
			.where(
				and(eq(safetyAlertEvents.alertId, late.alertId), eq(safetyAlertEvents.kind, 'escalated'))
			);
		expect(events).toHaveLength(1);
	});

	it('care steps are recorded and audited, notes encrypted; crisis help reaches the person; then it closes', async () => {
		const s = await setting();
		const { postId } = await postThread({
			db: app.db,
			actor: s.ann,
			input: { groupId: s.groupId, title: 'Hard', body: 'I feel suicidal' }
		});
		const [alert] = await app.db
			.select()
			.from(safetyAlerts)
			.where(eq(safetyAlerts.sourceId, postId));
		const alertId = alert?.id ?? '';
		const step = (actor: Actor, input: Record<string, string>) =>
			recordCareStep({ app, actor, input: { alertId, step: 'reached_out', ...input } });
		expect((await refusal(step(s.fac1, { step: 'welfare_check' }))).fields).toEqual({
			outcome: 'salert_err_outcome'
		});
		expect((await refusal(step(s.other, {}))).code).toBe('not_found');
		await step(s.fac1, { step: 'shared_resources' });
		expect(await notified(s.ann.userId, SAFETY_CRISIS_HELP)).toEqual([{ targetId: s.ann.userId }]);
		await step(s.fac1, {
			step: 'welfare_check',
			outcome: 'supported',
			note: 'Talked on the phone, plan for tomorrow'
		});
		const [stored] = await app.db
			.select()
			.from(safetyAlertEvents)
			.where(
				and(eq(safetyAlertEvents.alertId, alertId), eq(safetyAlertEvents.kind, 'welfare_check'))
			);
		expect(stored?.noteEncrypted).toMatch(/^v1:/);
		expect(stored?.noteEncrypted).not.toContain('phone');
		// The moderator's part comes second, on purpose, from the alert.
		await hideAlertContent({
			db: app.db,
			actor: s.fac2,
			input: { alertId, hidden: 'on', reason: 'Kept private for now' }
		});
		const [post] = await app.db.select().from(boardPosts).where(eq(boardPosts.id, postId));
		expect(post?.hiddenAt).not.toBeNull();
		await closeSafetyAlert({ app, actor: s.fac1, input: { alertId, outcome: 'supported' } });
		const view = await getSafetyAlert({
			db: app.db,
			secret: app.config.secret,
			actor: s.fac1,
			input: { alertId }
		});
		expect(view.alert.status).toBe('closed');
		expect(view.events.map((e) => e.kind)).toEqual([
			'raised',
			'acknowledged',
			'shared_resources',
			'welfare_check',
			'moderated',
			'closed'
		]);
		expect(view.events.find((e) => e.kind === 'welfare_check')?.note).toBe(
			'Talked on the phone, plan for tomorrow'
		);
		expect((await refusal(step(s.fac1, {}))).fields).toEqual({ step: 'salert_err_closed' });
		const audited = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.entityId, alertId));
		expect(audited.map((a) => a.action)).toEqual(
			expect.arrayContaining([
				'safety.alert_raise',
				'safety.alert_acknowledge',
				'safety.alert_care',
				'safety.alert_moderate',
				'safety.alert_close',
				'safety.alert_read'
			])
		);
	});

	it('a risk phrase in a live room raises an alert about the message, and the author is told to find help', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 1, sessions: 1 });
		const [lead] = g.facilitators as [Actor];
		const [maya] = g.members as [Actor];
		const ids = { groupId: g.groupId, sessionId: g.sessionIds[0] ?? '' };
		await setRoomStatus({
			db: app.db,
			bus: app.realtime,
			actor: lead,
			input: { ...ids, status: 'open' }
		});
		const sent = await sendChatMessage({
			db: app.db,
			bus: app.realtime,
			actor: maya,
			input: { ...ids, clientId: crypto.randomUUID(), body: 'I feel suicidal tonight' }
		});
		expect(sent.showCrisisHelp).toBe(true);
		const [alert] = await app.db
			.select()
			.from(safetyAlerts)
			.where(and(eq(safetyAlerts.source, 'room'), eq(safetyAlerts.sourceId, String(sent.id))));
		const alertId = alert?.id ?? '';
		const view = await getSafetyAlert({
			db: app.db,
			secret: app.config.secret,
			actor: lead,
			input: { alertId }
		});
		expect(view.content?.body).toBe('I feel suicidal tonight');
		await hideAlertContent({
			db: app.db,
			actor: lead,
			input: { alertId, hidden: 'true', reason: 'Private for now' }
		});
		const [msg] = await app.db.select().from(chatMessages).where(eq(chatMessages.id, sent.id));
		expect(msg?.hiddenAt).not.toBeNull();
	});
});
