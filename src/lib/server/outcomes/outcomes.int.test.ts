import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { notifications } from '../notifications/notifications.schema';
import { groupMembers } from '../groups/groups.schema';
import { checkinAnswers, checkinResponses, instruments } from './outcomes.schema';
import { installOwnInstruments } from './install-own-instruments';
import { importInstrument } from './import-instrument';
import { publishInstrument } from './manage-instruments';
import { setSchedule } from './schedules';
import { runCheckinWindows } from './open-windows';
import { listDueCheckins, listResults } from './list-checkins';
import { saveAnswer } from './save-answer';
import { submitCheckin } from './submit-checkin';
import { getCheckin } from './get-checkin';
import { hideResult } from './checkin-settings';
import { SCORING_EXTENSION } from './parse-instrument';
import { RECOVERY_CHECKIN_KEY } from './shipped/recovery-checkin';
import { exportOwnCheckins } from './export-fhir';
import { loadFhirDefinitions } from './fhir-definitions';
import { validateResource } from '@medplum/core';
import { assignCareTeam } from '../care-team/assign-care-team';
import { listCaseloadCheckins } from './caseload-checkins';
import { safetyAlertPeople, safetyAlerts } from '../safety/safety.schema';

async function failure(
	p: Promise<unknown>
): Promise<{ code: string; fields: Record<string, string> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AppError) return { code: e.code, fields: e.fields };
		throw e;
	}
	throw new Error('expected the use case to fail');
}

// A questionnaire written for this test: two items scored 0-3, the second a risk item.
const testFile = JSON.stringify({
	resourceType: 'Questionnaire',
	status: 'active',
	name: 'TestTwo',
	extension: [
		{
			url: SCORING_EXTENSION,
			valueString: JSON.stringify({
				key: 'test-two',
				items: 'all',
				method: 'sum',
				alerts: [{ item: 'risk', atLeast: 1, level: 'urgent' }],
				higherIsBetter: false,
				range: { min: 0, max: 6 }
			})
		}
	],
	item: ['mood', 'risk'].map((linkId) => ({
		linkId,
		type: 'choice',
		required: true,
		text: `Test ${linkId}`,
		answerOption: [0, 1, 2, 3].map((v) => ({ valueInteger: v }))
	}))
});

describe.each(dbKinds)('check-ins on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const run = (now: Date) =>
		runCheckinWindows({ db: app.db, mail: app.mailer, origin: 'http://kith.test', now });

	it('opens a weekly window in the site’s zone once, saves answers as given, scores, and records a missed one', async () => {
		const site = await makeSite(app, { timeZone: 'Pacific/Auckland' });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const group = await makeGroup(app, site, { members: 2 });
		const [a, b] = group.members;
		if (!a || !b) throw new Error('two members expected');
		await installOwnInstruments({ db: app.db, actor: admin });
		await installOwnInstruments({ db: app.db, actor: admin }); // once is enough
		const own = await app.db.select().from(instruments).where(eq(instruments.siteId, site.id));
		expect(own.map((i) => `${i.key}:${i.status}`).sort()).toEqual([
			'kith-recovery-checkin:published',
			'kith-session-feedback:published'
		]);
		const checkin = own.find((i) => i.key === RECOVERY_CHECKIN_KEY);
		if (!checkin) throw new Error('no check-in');
		// They joined in November; it is Tuesday 8 December 2026, 13:00 in Auckland.
		await app.db
			.update(groupMembers)
			.set({ createdAt: new Date('2026-11-01T00:00:00Z') })
			.where(eq(groupMembers.groupId, group.groupId));
		await setSchedule({
			db: app.db,
			actor: admin,
			input: { instrumentId: checkin.id, groupId: group.groupId, kind: 'weekly', windowDays: '3' }
		});
		const later = new Date('2026-12-08T00:00:00Z');
		const first = await run(later);
		const again = await run(later);
		expect(first.opened).toBeGreaterThanOrEqual(2);
		expect(again.opened).toBe(0);
		const mine = await listDueCheckins({ db: app.db, actor: a, now: later });
		const [due] = mine.due;
		if (!due) throw new Error('this week’s check-in should be open');
		// Monday 7 December starts at 11:00 UTC the day before in Auckland; three days to answer.
		expect(due.closesAt).toEqual(new Date('2026-12-09T11:00:00.000Z'));
		const told = await app.db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, a.userId), eq(notifications.targetId, due.id)));
		expect(told).toHaveLength(1);

		const answer = (item: string, choice: string, actor = a) =>
			saveAnswer({ app, actor, input: { responseId: due.id, item, choice }, now: later });
		expect(await failure(answer('hope', '9'))).toEqual({
			code: 'invalid_input',
			fields: { choice: 'out_err_pick_option' }
		});
		expect((await failure(answer('hope', '2', b))).code).toBe('not_found');
		// Another member of the site, and a member of another site, cannot open it or send it.
		const elsewhere = (await makePerson(app, await makeSite(app), ['member'])).actor;
		for (const other of [b, elsewhere]) {
			expect((await failure(getCheckin({ app, actor: other, responseId: due.id }))).code).toBe(
				'not_found'
			);
			expect(
				(
					await failure(
						submitCheckin({ db: app.db, actor: other, input: { responseId: due.id }, now: later })
					)
				).code
			).toBe('not_found');
		}
		expect((await failure(answer('hope', '2', elsewhere))).code).toBe('not_found');
		await answer('connectedness', '1');
		await answer('connectedness', '3'); // changed mind, or sent twice: one answer
		expect(
			await failure(
				submitCheckin({ db: app.db, actor: a, input: { responseId: due.id }, now: later })
			)
		).toEqual({
			code: 'invalid_input',
			fields: { _: 'out_err_unanswered' }
		});
		for (const item of ['hope', 'identity', 'meaning', 'empowerment']) await answer(item, '2');
		const rows = await app.db
			.select()
			.from(checkinAnswers)
			.where(eq(checkinAnswers.responseId, due.id));
		expect(rows).toHaveLength(5);
		const resumed = await getCheckin({ app, actor: a, responseId: due.id });
		expect(resumed.answers.connectedness).toEqual({ code: '3' });
		const done = await submitCheckin({
			db: app.db,
			actor: a,
			input: { responseId: due.id },
			now: later
		});
		expect(done).toEqual({ alerted: false, total: 11, band: 'mixed' });
		expect(
			(
				await failure(
					submitCheckin({ db: app.db, actor: a, input: { responseId: due.id }, now: later })
				)
			).fields
		).toEqual({ _: 'out_err_already_done' });
		const results = await listResults({ db: app.db, actor: a });
		expect(results[0]?.points.map((p) => p.total)).toEqual([11]);
		await hideResult({ db: app.db, actor: a, input: { resultId: due.id, hidden: 'yes' } });
		expect((await listResults({ db: app.db, actor: a }))[0]?.points[0]?.hidden).toBe(true);

		// B never answers: when the window closes, it is recorded as missed, and stays closed.
		const [bRow] = await app.db
			.select()
			.from(checkinResponses)
			.where(
				and(eq(checkinResponses.userId, b.userId), eq(checkinResponses.windowKey, '2026-12-07'))
			);
		if (!bRow) throw new Error('no window for B');
		const closed = new Date(bRow.closesAt.getTime() + 1000);
		expect((await run(closed)).missed).toBeGreaterThanOrEqual(1);
		const [after] = await app.db
			.select()
			.from(checkinResponses)
			.where(eq(checkinResponses.id, bRow.id));
		expect(after?.status).toBe('missed');
		expect(
			(
				await failure(
					saveAnswer({
						app,
						actor: b,
						input: { responseId: bRow.id, item: 'hope', choice: '1' },
						now: closed
					})
				)
			).fields
		).toEqual({ _: 'out_err_window_closed' });
		expect((await listDueCheckins({ db: app.db, actor: b, now: closed })).missed).toHaveLength(1);
		const audits = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.actorUserId, a.userId));
		expect(audits.map((r) => r.action)).toEqual(
			expect.arrayContaining(['checkin.answer', 'checkin.submit', 'checkin.hide'])
		);
	});

	it('refuses a bad instrument file with its problems, and raises an alert when an answer meets a rule', async () => {
		const site = await makeSite(app);
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const bad = await importInstrument({
			db: app.db,
			actor: admin,
			input: { file: '{"resourceType":"Patient"}' }
		});
		expect(bad.problems).toEqual([{ message: 'out_err_not_questionnaire' }]);
		const good = await importInstrument({ db: app.db, actor: admin, input: { file: testFile } });
		if (!good.id) throw new Error('import failed');
		const group = await makeGroup(app, site, { members: 1 });
		const professional = (await makePerson(app, site, ['professional'])).actor;
		await assignCareTeam({
			db: app.db,
			actor: admin,
			input: {
				memberId: group.members[0]?.userId ?? '',
				supporterId: professional.userId,
				role: 'care_coordinator'
			}
		});
		const [member] = group.members;
		if (!member) throw new Error('member expected');
		// A draft cannot be scheduled; published, it can.
		expect(
			(
				await failure(
					setSchedule({
						db: app.db,
						actor: admin,
						input: {
							instrumentId: good.id,
							groupId: group.groupId,
							kind: 'enrolment',
							windowDays: '2'
						}
					})
				)
			).fields
		).toEqual({ instrumentId: 'err_invalid' });
		await publishInstrument({ db: app.db, actor: admin, input: { instrumentId: good.id } });
		await setSchedule({
			db: app.db,
			actor: admin,
			input: { instrumentId: good.id, groupId: group.groupId, kind: 'enrolment', windowDays: '2' }
		});
		const now = new Date(Date.now() + 1000);
		await run(now);
		const { due } = await listDueCheckins({ db: app.db, actor: member, now });
		const [open] = due;
		if (!open) throw new Error('enrolment check-in expected');
		await saveAnswer({
			app,
			actor: member,
			input: { responseId: open.id, item: 'mood', choice: '1' },
			now
		});
		await saveAnswer({
			app,
			actor: member,
			input: { responseId: open.id, item: 'risk', choice: '2' },
			now
		});
		const r = await submitCheckin({
			db: app.db,
			actor: member,
			input: { responseId: open.id },
			now
		});
		expect(r).toEqual({ alerted: true, total: 3, band: null });
		const [row] = await app.db
			.select()
			.from(checkinResponses)
			.where(eq(checkinResponses.id, open.id));
		expect(row?.alerted).toBe(true);
		// The answer became a safety alert, held by the member's assigned professional.
		const [alert] = await app.db
			.select()
			.from(safetyAlerts)
			.where(and(eq(safetyAlerts.source, 'checkin'), eq(safetyAlerts.sourceId, open.id)));
		expect(alert).toMatchObject({ personId: member.userId, status: 'open', reason: 'answer_rule' });
		const holders = await app.db
			.select({ userId: safetyAlertPeople.userId, why: safetyAlertPeople.why })
			.from(safetyAlertPeople)
			.where(eq(safetyAlertPeople.alertId, alert?.id ?? ''));
		expect(holders).toEqual([{ userId: professional.userId, why: 'professional' }]);
		// The professional's caseload: the member on their team, with the latest score.
		expect(await listCaseloadCheckins({ db: app.db, actor: professional })).toEqual([
			{
				memberId: member.userId,
				open: 0,
				missed: 0,
				latest: expect.objectContaining({ total: 3 })
			}
		]);

		// The member's export: a QuestionnaireResponse and its score's Observation, valid FHIR R4.
		const bundle = await exportOwnCheckins({ app, actor: member });
		loadFhirDefinitions();
		expect(() => validateResource(bundle)).not.toThrow();
		expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual([
			'QuestionnaireResponse',
			'Observation'
		]);
	});
});
