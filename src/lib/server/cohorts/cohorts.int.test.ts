import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeCourse } from '../testing/course-factory';
import { auditLog } from '../audit/audit.schema';
import { courseModules, enrolments, reflections } from '../courses/courses.schema';
import { goals, goalShares } from '../goals/goals.schema';
import { cohortSessions, sessionParticipation } from './cohorts.schema';
import { openCohort } from './open-cohort';
import { listCohorts } from './list-cohorts';
import { addParticipant } from './add-participant';
import { getCohort } from './get-cohort';
import { scheduleSessions } from './schedule-sessions';
import { getSession } from './get-session';
import { runSession } from './run-session';
import { cohortFidelity } from './cohort-fidelity';
import type { Actor } from '../access/actor';

/** The local wall-clock time of an instant in Copenhagen, e.g. "2026-10-12 18:00". */
const copenhagen = (d: Date) =>
	new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Copenhagen',
		dateStyle: 'short',
		timeStyle: 'short'
	}).format(d);

describe.each(dbKinds)('facilitated cohorts on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	async function setting(opts: { capacity?: number; modules?: number } = {}) {
		const site = await makeSite(app);
		const modules = opts.modules ?? 3;
		const course = await makeCourse(app, site, { lessons: modules * 2, perModule: 2 });
		const lead = await makePerson(app, site, ['professional']);
		const co = await makePerson(app, site, ['peer_worker']);
		const members = [];
		for (let i = 0; i < 3; i++) members.push(await makePerson(app, site, ['member']));
		const { id: cohortId } = await openCohort({
			db: app.db,
			actor: lead.actor,
			input: {
				courseId: course.id,
				name: 'Tuesday group',
				mode: 'group',
				capacity: String(opts.capacity ?? 8),
				coFacilitatorId: co.userId
			}
		});
		return { site, course, lead, co, members, cohortId };
	}

	const add = (actor: Actor, cohortId: string, userId: string) =>
		addParticipant({ db: app.db, actor, input: { cohortId, userId } });

	it('opens a cohort the lead and co-facilitator see, and nobody else', async () => {
		const { site, course, lead, co, cohortId } = await setting();
		const other = await makePerson(app, site, ['professional']);
		for (const who of [lead, co]) {
			const page = await listCohorts({ db: app.db, actor: who.actor, input: { locale: 'en' } });
			expect(page.cohorts.map((c) => c.id)).toEqual([cohortId]);
			expect(page.courses.map((c) => c.id)).toContain(course.id);
		}
		const page = await listCohorts({ db: app.db, actor: other.actor, input: { locale: 'en' } });
		expect(page.cohorts).toEqual([]);
		// Co-facilitators offered: staff of the site, not the actor, not members.
		expect(page.coFacilitators.map((p) => p.userId)).toEqual(
			expect.arrayContaining([lead.userId, co.userId])
		);
		expect(page.coFacilitators.map((p) => p.userId)).not.toContain(other.userId);
		const individual = await openCohort({
			db: app.db,
			actor: other.actor,
			input: { courseId: course.id, name: 'One to one', mode: 'individual', capacity: '8' }
		});
		const view = await getCohort({
			db: app.db,
			actor: other.actor,
			input: { cohortId: individual.id, locale: 'en' }
		});
		expect(view.capacity).toBe(1);
		await expect(
			openCohort({
				db: app.db,
				actor: other.actor,
				input: { courseId: course.id, name: 'Too big', mode: 'group', capacity: '21' }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { capacity: 'err_cohort_capacity' } });
	});

	it('adds participants up to capacity, enrols them in the course, then refuses', async () => {
		const { site, course, lead, members, cohortId } = await setting({ capacity: 2 });
		const [a, b, c] = members;
		if (!a || !b || !c) throw new Error('members');
		// An existing self-paced enrolment moves into the cohort.
		await app.db
			.insert(enrolments)
			.values({ siteId: site.id, courseId: course.id, userId: a.userId });
		await add(lead.actor, cohortId, a.userId);
		await add(lead.actor, cohortId, b.userId);
		await expect(add(lead.actor, cohortId, c.userId)).rejects.toMatchObject({
			code: 'conflict',
			fields: { userId: 'err_cohort_full' }
		});
		const rows = await app.db
			.select()
			.from(enrolments)
			.where(and(eq(enrolments.courseId, course.id), eq(enrolments.cohortId, cohortId)));
		expect(rows.map((r) => r.userId).sort()).toEqual([a.userId, b.userId].sort());
		const view = await getCohort({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, locale: 'en' }
		});
		expect(view.participants.map((p) => p.userId).sort()).toEqual([a.userId, b.userId].sort());
		expect(view.participants[0]?.progress).toEqual({ done: 0, total: 6 });
		expect(view.candidates.map((p) => p.userId)).toEqual([c.userId]);
		// Staff are not members: they cannot be added as participants.
		await expect(add(lead.actor, cohortId, lead.userId)).rejects.toMatchObject({
			code: 'invalid_input'
		});
	});

	it('is "not found" for other staff of the site, other sites and members', async () => {
		const { site, lead, members, cohortId } = await setting();
		const colleague = await makePerson(app, site, ['professional']);
		const elsewhere = await makePerson(app, await makeSite(app), ['professional']);
		const member = members[0];
		if (!member) throw new Error('member');
		for (const who of [colleague, elsewhere, member]) {
			const db = app.db;
			const actor = who.actor;
			await expect(
				getCohort({ db, actor, input: { cohortId, locale: 'en' } })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(add(actor, cohortId, member.userId)).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(cohortFidelity({ db, actor, cohortId })).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(
				scheduleSessions({ db, actor, input: { cohortId, first: '2026-10-12T18:00', weeks: '1' } })
			).rejects.toMatchObject({ code: 'not_found' });
		}
		await expect(
			getCohort({ db: app.db, actor: lead.actor, input: { cohortId: 'nope', locale: 'en' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('shows goals shared with this facilitator, never unshared ones or reflections', async () => {
		const { site, course, lead, co, members, cohortId } = await setting();
		const m = members[0];
		if (!m) throw new Error('member');
		await add(lead.actor, cohortId, m.userId);
		const [shared, mine, toCo, revoked] = await app.db
			.insert(goals)
			.values(
				['Walk every day', 'Private goal', 'Shared with co only', 'Revoked goal'].map((text) => ({
					siteId: site.id,
					userId: m.userId,
					text
				}))
			)
			.returning();
		if (!shared || !mine || !toCo || !revoked) throw new Error('goals');
		await app.db.insert(goalShares).values([
			{ goalId: shared.id, sharedWithUserId: lead.userId },
			{ goalId: toCo.id, sharedWithUserId: co.userId },
			{ goalId: revoked.id, sharedWithUserId: lead.userId, revokedAt: new Date() }
		]);
		const lesson = course.lessons[0];
		if (!lesson) throw new Error('lesson');
		await app.db.insert(reflections).values({
			siteId: site.id,
			userId: m.userId,
			lessonId: lesson.id,
			promptKey: 'prompt-one',
			bodyEncrypted: 'secret-reflection'
		});
		const view = await getCohort({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, locale: 'en' }
		});
		expect(view.participants[0]?.sharedGoals.map((g) => g.text)).toEqual(['Walk every day']);
		expect(JSON.stringify(view)).not.toMatch(/Private goal|Revoked goal|Shared with co|secret/);
		const coView = await getCohort({
			db: app.db,
			actor: co.actor,
			input: { cohortId, locale: 'en' }
		});
		expect(coView.participants[0]?.sharedGoals.map((g) => g.text)).toEqual(['Shared with co only']);
		const audits = await app.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.actorUserId, lead.userId), eq(auditLog.action, 'cohort.read_participants'))
			);
		expect(audits).toHaveLength(1);
	});

	it('schedules weekly sessions at the same local time across a daylight-saving change', async () => {
		const { lead, cohortId } = await setting();
		const { ids } = await scheduleSessions({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, first: '2026-10-12T18:00', weeks: '4' }
		});
		expect(ids).toHaveLength(4);
		const view = await getCohort({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, locale: 'en' }
		});
		expect(view.sessions.map((s) => copenhagen(s.scheduledAt))).toEqual([
			'2026-10-12 18:00',
			'2026-10-19 18:00',
			'2026-10-26 18:00',
			'2026-11-02 18:00'
		]);
		// Summer time (UTC+2) before 25 October, standard time (UTC+1) after.
		expect(view.sessions.map((s) => s.scheduledAt.toISOString())).toEqual([
			'2026-10-12T16:00:00.000Z',
			'2026-10-19T16:00:00.000Z',
			'2026-10-26T17:00:00.000Z',
			'2026-11-02T17:00:00.000Z'
		]);
		// A single session clashing with one of them refuses, and writes nothing.
		await expect(
			scheduleSessions({
				db: app.db,
				actor: lead.actor,
				input: { cohortId, first: '2026-10-26T18:30', weeks: '1' }
			})
		).rejects.toMatchObject({ code: 'conflict', fields: { first: 'err_cohort_session_clash' } });
		await scheduleSessions({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, first: '2026-10-28T10:00', weeks: '' }
		});
		const after = await getCohort({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, locale: 'en' }
		});
		expect(after.sessions).toHaveLength(5);
	});

	it('runs a session with the IMR structure and audits the note', async () => {
		const { site, lead, members, cohortId } = await setting();
		const [a, b] = members;
		if (!a || !b) throw new Error('members');
		await add(lead.actor, cohortId, a.userId);
		await add(lead.actor, cohortId, b.userId);
		const {
			ids: [sessionId = '']
		} = await scheduleSessions({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, first: '2026-03-02T18:00', weeks: '1' }
		});
		const before = await getSession({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, sessionId, locale: 'en' }
		});
		const firstModule = before.modules[0]?.id ?? '';
		const now = new Date('2026-03-02T18:55:00Z');
		await runSession({
			db: app.db,
			actor: lead.actor,
			now,
			input: {
				cohortId,
				sessionId,
				participant: [a.userId, b.userId],
				next: ['Walk to the shop twice', ''],
				present: [a.userId],
				goalsReviewed: a.userId,
				assignmentReviewed: [],
				moduleId: firstModule,
				handoutsGiven: 'on',
				note: 'Good start.'
			}
		});
		const view = await getSession({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, sessionId, locale: 'en' }
		});
		expect(view.session).toMatchObject({
			status: 'held',
			heldAt: now,
			moduleId: firstModule,
			handoutsGiven: true,
			significantOthersInvolved: false,
			note: 'Good start.'
		});
		const byId = new Map(view.participants.map((p) => [p.userId, p]));
		expect(byId.get(a.userId)).toMatchObject({
			present: true,
			goalsReviewed: true,
			assignmentReviewed: false,
			nextAssignment: 'Walk to the shop twice'
		});
		expect(byId.get(b.userId)).toMatchObject({ present: false, nextAssignment: '' });
		// A module of another course, an oversized note: refused, nothing changed.
		const other = await makeCourse(app, site, { lessons: 1 });
		const [foreign] = await app.db
			.select()
			.from(courseModules)
			.where(eq(courseModules.courseId, other.id));
		await expect(
			runSession({
				db: app.db,
				actor: lead.actor,
				input: { cohortId, sessionId, moduleId: foreign?.id ?? '', note: '' }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { moduleId: 'err_cohort_module' } });
		await expect(
			runSession({
				db: app.db,
				actor: lead.actor,
				input: { cohortId, sessionId, note: 'x'.repeat(2001) }
			})
		).rejects.toMatchObject({ code: 'invalid_input', fields: { note: 'err_too_long' } });
		const actions = (
			await app.db.select().from(auditLog).where(eq(auditLog.actorUserId, lead.userId))
		).map((r) => r.action);
		expect(actions).toEqual(expect.arrayContaining(['cohort.session_save', 'cohort.session_read']));
		expect(
			(
				await getSession({
					db: app.db,
					actor: lead.actor,
					input: { cohortId, sessionId, locale: 'en' }
				})
			).session.moduleId
		).toBe(firstModule);
	});

	it('computes the fidelity figures exactly from a constructed history', async () => {
		const { site, lead, members, cohortId, course } = await setting({ modules: 4 });
		const [a, b, c] = members;
		if (!a || !b || !c) throw new Error('members');
		for (const m of [a, b, c]) await add(lead.actor, cohortId, m.userId);
		// Two of three participants have a goal (one private): goal setting counts both.
		await app.db.insert(goals).values([
			{ siteId: site.id, userId: a.userId, text: 'Goal a' },
			{ siteId: site.id, userId: b.userId, text: 'Goal b' }
		]);
		const mods = await app.db
			.select()
			.from(courseModules)
			.where(eq(courseModules.courseId, course.id))
			.orderBy(courseModules.position);
		const [m1, m2] = mods;
		if (!m1 || !m2) throw new Error('modules');
		// 26 weekly sessions scheduled; four held (weeks 0, 1, 2 and 25), one cancelled.
		const { ids } = await scheduleSessions({
			db: app.db,
			actor: lead.actor,
			input: { cohortId, first: '2026-03-02T18:00', weeks: '26' }
		});
		const held = [ids[0], ids[1], ids[2], ids[25]].map((id) => id ?? '');
		const flags = [
			{ moduleId: m1.id, handoutsGiven: true, significantOthersInvolved: true },
			{ moduleId: m2.id, handoutsGiven: true, significantOthersInvolved: false },
			{ moduleId: m2.id, handoutsGiven: false, significantOthersInvolved: false },
			{ moduleId: null, handoutsGiven: true, significantOthersInvolved: false }
		];
		for (const [i, id] of held.entries())
			await app.db
				.update(cohortSessions)
				.set({ status: 'held', heldAt: new Date(), ...flags[i] })
				.where(eq(cohortSessions.id, id));
		await app.db
			.update(cohortSessions)
			.set({ status: 'cancelled', handoutsGiven: true })
			.where(eq(cohortSessions.id, ids[3] ?? ''));
		// 3 participants × 4 held sessions = 12 participant-sessions; goals reviewed in 5.
		const reviewed = new Set(['0a', '0b', '1a', '2c', '3b']);
		for (const [i, id] of held.entries())
			for (const [key, m] of [
				['a', a],
				['b', b],
				['c', c]
			] as const)
				await app.db.insert(sessionParticipation).values({
					sessionId: id,
					userId: m.userId,
					present: true,
					goalsReviewed: reviewed.has(`${i}${key}`)
				});
		// Participation in a session that was not held does not count.
		await app.db
			.insert(sessionParticipation)
			.values({ sessionId: ids[4] ?? '', userId: a.userId, present: true, goalsReviewed: true });
		const figures = await cohortFidelity({ db: app.db, actor: lead.actor, cohortId });
		expect(figures).toEqual([
			{ key: 'group_size', value: 3, of: null, meets: true },
			{ key: 'programme_length', value: 25, of: null, meets: true },
			{ key: 'curriculum', value: 2, of: 4, meets: false },
			{ key: 'handouts', value: 3, of: 4, meets: true },
			{ key: 'goal_setting', value: 2, of: 3, meets: false },
			{ key: 'goal_follow_up', value: 5, of: 12, meets: false },
			{ key: 'significant_others', value: 1, of: 4, meets: false }
		]);
	});

	it('gives an empty cohort figures that do not meet yet', async () => {
		const { lead, cohortId } = await setting();
		const figures = await cohortFidelity({ db: app.db, actor: lead.actor, cohortId });
		expect(figures.map((f) => [f.key, f.value, f.of, f.meets])).toEqual([
			['group_size', 0, null, true],
			['programme_length', 0, null, false],
			['curriculum', 0, 3, false],
			['handouts', 0, 0, false],
			['goal_setting', 0, 0, false],
			['goal_follow_up', 0, 0, false],
			['significant_others', 0, 0, false]
		]);
	});
});
