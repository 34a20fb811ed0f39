import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite, rand } from '../testing/factories';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { courseModules, courses, lessons } from '../courses/courses.schema';
import type { Site } from '../sites/sites.schema';
import { goalShares, goalSteps, goals } from './goals.schema';
import { createGoal } from './create-goal';
import { listGoals } from './list-goals';
import { getGoal } from './get-goal';
import { addStep } from './add-step';
import { setStepDone } from './set-step-done';
import { editStep } from './edit-step';
import { declineStep } from './decline-step';
import { acceptStep } from './accept-step';
import { setGoalStatus } from './set-goal-status';
import { shareGoal } from './share-goal';
import { revokeGoalShare } from './revoke-goal-share';
import { listSharedGoals } from './list-shared-goals';
import { listSupporters } from './list-supporters';
import { proposeStepFromLesson } from './propose-step-from-lesson';

/** The error a use case threw: its code and field message keys. */
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

describe.each(dbKinds)('recovery goals on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const member = async (site: Site): Promise<Actor> =>
		(await makePerson(app, site, ['member'])).actor;
	const auditsOf = async (actor: Actor) =>
		(
			await app.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(eq(auditLog.actorUserId, actor.userId))
				.orderBy(auditLog.id)
		).map((r) => r.action);
	const stepRows = async (goalId: string) =>
		app.db.select().from(goalSteps).where(eq(goalSteps.goalId, goalId));
	/** A lesson of a course of `site`, as the course importer would leave it. */
	async function makeLesson(site: Site): Promise<string> {
		const [course] = await app.db
			.insert(courses)
			.values({ siteId: site.id, slug: `c-${rand()}`, category: 'psychoeducation' })
			.returning();
		if (!course) throw new Error('no course');
		const [mod] = await app.db
			.insert(courseModules)
			.values({ courseId: course.id, slug: 'm1', position: 0 })
			.returning();
		if (!mod) throw new Error('no module');
		const [lesson] = await app.db
			.insert(lessons)
			.values({ moduleId: mod.id, slug: 'l1', position: 0 })
			.returning();
		if (!lesson) throw new Error('no lesson');
		return lesson.id;
	}

	// A fixed clock: 16 June 2025, 03:00 UTC.
	const now = new Date('2025-06-16T03:00:00Z');

	it('creates a goal and steps, lists them with progress, and audits every read and write', async () => {
		const site = await makeSite(app);
		const actor = await member(site);
		const { id } = await createGoal({
			db: app.db,
			actor,
			input: { text: '  Feel at home again  ' }
		});
		await addStep({
			db: app.db,
			actor,
			input: { goalId: id, text: 'Walk to the library', targetDate: '2025-06-20' },
			now
		});
		await addStep({
			db: app.db,
			actor,
			input: { goalId: id, text: 'Ask about the reading group', targetDate: '2025-06-27' },
			now
		});
		const [listed] = await listGoals({ db: app.db, actor });
		expect(listed).toMatchObject({ id, text: 'Feel at home again', status: 'active' });
		expect(listed?.steps.map((s) => [s.text, s.targetDate, s.status])).toEqual([
			['Walk to the library', '2025-06-20', 'open'],
			['Ask about the reading group', '2025-06-27', 'open']
		]);
		expect(listed?.progress).toEqual({ done: 0, total: 2 });
		const detail = await getGoal({ db: app.db, actor, input: { goalId: id }, now });
		expect(detail.steps).toHaveLength(2);
		expect(await auditsOf(actor)).toEqual([
			'goal.create',
			'goal_step.create',
			'goal_step.create',
			'goal.list',
			'goal.read'
		]);
	});

	it('refuses an empty or oversized goal with a field error, saving nothing', async () => {
		const site = await makeSite(app);
		const actor = await member(site);
		for (const text of ['', '   ', 'x'.repeat(501)])
			expect(await failure(createGoal({ db: app.db, actor, input: { text } }))).toMatchObject({
				code: 'invalid_input',
				fields: { text: expect.stringMatching(/^err_/) }
			});
		expect(
			await createGoal({ db: app.db, actor, input: { text: 'x'.repeat(500) } })
		).toHaveProperty('id');
		const rows = await app.db.select().from(goals).where(eq(goals.userId, actor.userId));
		expect(rows).toHaveLength(1);
	});

	it('counts "today" in the site’s time zone, not in UTC', async () => {
		// 03:00 UTC on 16 June is still 15 June, 20:00 in Los Angeles.
		const west = await makeSite(app, { timeZone: 'America/Los_Angeles' });
		const a = await member(west);
		const { id } = await createGoal({ db: app.db, actor: a, input: { text: 'Goal' } });
		await addStep({
			db: app.db,
			actor: a,
			input: { goalId: id, text: 'Today there', targetDate: '2025-06-15' },
			now
		});
		expect(
			await failure(
				addStep({
					db: app.db,
					actor: a,
					input: { goalId: id, text: 'Past', targetDate: '2025-06-14' },
					now
				})
			)
		).toEqual({ code: 'invalid_input', fields: { targetDate: 'err_step_date_past' } });

		// …and already 16 June, 15:00 in Auckland, so 15 June is in the past there.
		const east = await makeSite(app, { timeZone: 'Pacific/Auckland' });
		const b = await member(east);
		const goal = await createGoal({ db: app.db, actor: b, input: { text: 'Goal' } });
		expect(
			await failure(
				addStep({
					db: app.db,
					actor: b,
					input: { goalId: goal.id, text: 'UTC yesterday', targetDate: '2025-06-15' },
					now
				})
			)
		).toMatchObject({ fields: { targetDate: 'err_step_date_past' } });
		expect(await stepRows(goal.id)).toHaveLength(0);
		expect(await stepRows(id)).toHaveLength(1);
	});

	it('refuses a bad step without saving anything or writing an audit record', async () => {
		const site = await makeSite(app);
		const actor = await member(site);
		const { id } = await createGoal({ db: app.db, actor, input: { text: 'Goal' } });
		const bad = [
			{ text: '', targetDate: '2025-07-01' },
			{ text: 'y'.repeat(301), targetDate: '2025-07-01' },
			{ text: 'Fine', targetDate: '' },
			{ text: 'Fine', targetDate: '2025-02-30' },
			{ text: 'Fine', targetDate: 'next week' },
			{ text: 'Fine', targetDate: '2024-12-31' }
		];
		for (const input of bad)
			expect(
				(await failure(addStep({ db: app.db, actor, input: { goalId: id, ...input }, now }))).code
			).toBe('invalid_input');
		expect(await stepRows(id)).toHaveLength(0);
		expect(await auditsOf(actor)).toEqual(['goal.create']);
	});

	it('ticks and unticks a step, and edits it', async () => {
		const site = await makeSite(app);
		const actor = await member(site);
		const { id } = await createGoal({ db: app.db, actor, input: { text: 'Goal' } });
		const step = await addStep({
			db: app.db,
			actor,
			input: { goalId: id, text: 'Call Sam', targetDate: '2025-06-18' },
			now
		});
		await setStepDone({ db: app.db, actor, input: { stepId: step.id, done: 'true' }, now });
		let [row] = await stepRows(id);
		expect(row).toMatchObject({ status: 'done', doneAt: now });
		const detail = await getGoal({ db: app.db, actor, input: { goalId: id }, now });
		expect(detail.progress).toEqual({ done: 1, total: 1 });
		expect(detail.chart.at(-1)?.done).toBe(1);
		await setStepDone({ db: app.db, actor, input: { stepId: step.id, done: false }, now });
		[row] = await stepRows(id);
		expect(row).toMatchObject({ status: 'open', doneAt: null });

		await editStep({
			db: app.db,
			actor,
			input: { stepId: step.id, text: 'Call Sam on Sunday', targetDate: '2025-06-22' },
			now
		});
		[row] = await stepRows(id);
		expect(row).toMatchObject({ text: 'Call Sam on Sunday', targetDate: '2025-06-22' });
		// Later, with the date passed, the words can still change while the date stays.
		const later = new Date('2025-07-01T12:00:00Z');
		await editStep({
			db: app.db,
			actor,
			input: { stepId: step.id, text: 'Call Sam', targetDate: '2025-06-22' },
			now: later
		});
		expect(
			await failure(
				editStep({
					db: app.db,
					actor,
					input: { stepId: step.id, text: 'Call Sam', targetDate: '2025-06-23' },
					now: later
				})
			)
		).toMatchObject({ fields: { targetDate: 'err_step_date_past' } });
		await setGoalStatus({ db: app.db, actor, input: { goalId: id, status: 'achieved' } });
		expect((await getGoal({ db: app.db, actor, input: { goalId: id } })).status).toBe('achieved');
		expect(await auditsOf(actor)).toEqual(
			expect.arrayContaining([
				'goal_step.tick',
				'goal_step.untick',
				'goal_step.update',
				'goal.status'
			])
		);
	});

	it('proposes a lesson’s home assignment, then accepts, changes or declines it', async () => {
		const site = await makeSite(app);
		const actor = await member(site);
		const lessonId = await makeLesson(site);
		// No goal yet: one is made to hold home assignments.
		const goalId = await proposeStepFromLesson({
			db: app.db,
			actor,
			input: { lessonId, text: 'Notice three good moments' }
		});
		const [made] = await app.db.select().from(goals).where(eq(goals.id, goalId));
		expect(made).toMatchObject({
			text: 'My home assignments',
			userId: actor.userId,
			siteId: site.id
		});
		// Proposing the same lesson again while pending adds nothing.
		expect(
			await proposeStepFromLesson({
				db: app.db,
				actor,
				input: { lessonId, text: 'Notice three good moments' }
			})
		).toBe(goalId);
		expect(await stepRows(goalId)).toHaveLength(1);

		// A newer active goal is used next; an explicit goal wins over it.
		const newer = await createGoal({ db: app.db, actor, input: { text: 'Sleep better' } });
		const other = await makeLesson(site);
		expect(
			await proposeStepFromLesson({
				db: app.db,
				actor,
				input: { lessonId: other, text: 'Keep a sleep diary' }
			})
		).toBe(newer.id);
		expect(
			await proposeStepFromLesson({
				db: app.db,
				actor,
				input: { lessonId: other, text: 'Walk daily', goalId }
			})
		).toBe(goalId);

		const [a, b] = await stepRows(goalId);
		const [c] = await stepRows(newer.id);
		if (!a || !b || !c) throw new Error('missing proposals');
		expect([a.status, a.fromLessonId]).toEqual(['proposed', lessonId]);
		expect(await getGoal({ db: app.db, actor, input: { goalId } }).then((g) => g.progress)).toEqual(
			{ done: 0, total: 0 }
		);
		// A proposal cannot be ticked before it is accepted.
		expect(
			(await failure(setStepDone({ db: app.db, actor, input: { stepId: a.id, done: true }, now })))
				.code
		).toBe('conflict');

		await acceptStep({ db: app.db, actor, input: { stepId: a.id }, now });
		await acceptStep({
			db: app.db,
			actor,
			input: { stepId: b.id, text: 'Walk 10 minutes a day', targetDate: '2025-06-30' },
			now
		});
		await declineStep({ db: app.db, actor, input: { stepId: c.id } });
		const byId = new Map(
			[...(await stepRows(goalId)), ...(await stepRows(newer.id))].map((s) => [s.id, s])
		);
		expect(byId.get(a.id)).toMatchObject({
			status: 'open',
			text: 'Notice three good moments',
			targetDate: '2025-06-23'
		});
		expect(byId.get(b.id)).toMatchObject({
			status: 'open',
			text: 'Walk 10 minutes a day',
			targetDate: '2025-06-30'
		});
		expect(byId.get(c.id)).toMatchObject({ status: 'declined' });
		// Accepting twice, or with a past date, is refused.
		expect(
			(await failure(acceptStep({ db: app.db, actor, input: { stepId: a.id }, now }))).code
		).toBe('conflict');
		expect(await auditsOf(actor)).toEqual(
			expect.arrayContaining(['goal_step.propose', 'goal_step.accept', 'goal_step.decline'])
		);
	});

	it('refuses a change-then-accept with a bad date and keeps the proposal as it was', async () => {
		const site = await makeSite(app);
		const actor = await member(site);
		const goalId = await proposeStepFromLesson({
			db: app.db,
			actor,
			input: { lessonId: await makeLesson(site), text: 'Try it' }
		});
		const [step] = await stepRows(goalId);
		if (!step) throw new Error('no step');
		expect(
			await failure(
				acceptStep({
					db: app.db,
					actor,
					input: { stepId: step.id, text: 'Changed', targetDate: '2025-06-01' },
					now
				})
			)
		).toEqual({
			code: 'invalid_input',
			fields: { targetDate: 'err_step_date_past' }
		});
		expect(await stepRows(goalId)).toMatchObject([
			{ status: 'proposed', text: 'Try it', targetDate: null }
		]);
	});

	it('shares a goal with a named supporter, who sees it until it is revoked', async () => {
		const site = await makeSite(app);
		const owner = await makePerson(app, site, ['member']);
		const carer = await makePerson(app, site, ['carer']);
		const peer = await makePerson(app, site, ['peer_worker']);
		const otherMember = await makePerson(app, site, ['member']);
		const elsewhere = await makePerson(app, await makeSite(app), ['professional']);
		const actor = owner.actor;
		const { id } = await createGoal({ db: app.db, actor, input: { text: 'Back to work' } });
		await addStep({
			db: app.db,
			actor,
			input: { goalId: id, text: 'Update my CV', targetDate: '2099-01-01' }
		});

		const supporters = await listSupporters({ db: app.db, actor });
		expect(supporters.map((s) => s.userId).sort()).toEqual([carer.userId, peer.userId].sort());
		expect(supporters.find((s) => s.userId === carer.userId)).toEqual({
			userId: carer.userId,
			name: carer.actor.name,
			roles: ['carer']
		});
		expect(JSON.stringify(supporters)).not.toContain('@');

		// Only supporters of the same site can be chosen.
		for (const supporterId of [otherMember.userId, elsewhere.userId, actor.userId, 'nobody'])
			expect(
				await failure(shareGoal({ db: app.db, actor, input: { goalId: id, supporterId } }))
			).toEqual({
				code: 'invalid_input',
				fields: { supporterId: 'err_supporter' }
			});
		expect(await app.db.select().from(goalShares).where(eq(goalShares.goalId, id))).toHaveLength(0);

		expect(await listSharedGoals({ db: app.db, actor: carer.actor })).toEqual([]);
		await shareGoal({ db: app.db, actor, input: { goalId: id, supporterId: carer.userId } });
		const seen = await listSharedGoals({ db: app.db, actor: carer.actor });
		expect(seen).toMatchObject([
			{ id, text: 'Back to work', memberName: actor.name, progress: { done: 0, total: 1 } }
		]);
		expect(seen[0]?.steps.map((s) => s.text)).toEqual(['Update my CV']);
		expect(await listSharedGoals({ db: app.db, actor: peer.actor })).toEqual([]);
		expect(
			(await getGoal({ db: app.db, actor, input: { goalId: id } })).sharedWith.map((s) => s.userId)
		).toEqual([carer.userId]);
		expect(await auditsOf(carer.actor)).toEqual(['goal.read_shared']);

		await revokeGoalShare({ db: app.db, actor, input: { goalId: id, supporterId: carer.userId } });
		expect(await listSharedGoals({ db: app.db, actor: carer.actor })).toEqual([]);
		// Nor can the former supporter reach it any other way.
		expect(
			(await failure(getGoal({ db: app.db, actor: carer.actor, input: { goalId: id } }))).code
		).toBe('not_found');

		// Sharing again restores the view.
		await shareGoal({ db: app.db, actor, input: { goalId: id, supporterId: carer.userId } });
		expect(await listSharedGoals({ db: app.db, actor: carer.actor })).toHaveLength(1);
		expect(await auditsOf(actor)).toEqual(
			expect.arrayContaining(['goal.share', 'goal.share_revoke'])
		);
		// A member cannot use the supporters' view.
		expect((await failure(listSharedGoals({ db: app.db, actor: otherMember.actor }))).code).toBe(
			'not_found'
		);
	});

	it('answers "not found" to another member of the site and to another site, for every use case', async () => {
		const site = await makeSite(app);
		const owner = await member(site);
		const carer = await makePerson(app, site, ['carer']);
		const lessonId = await makeLesson(site);
		const { id: goalId } = await createGoal({ db: app.db, actor: owner, input: { text: 'Mine' } });
		const step = await addStep({
			db: app.db,
			actor: owner,
			input: { goalId, text: 'Step', targetDate: '2099-01-01' }
		});
		const proposedGoal = await proposeStepFromLesson({
			db: app.db,
			actor: owner,
			input: { lessonId, text: 'Try', goalId }
		});
		const proposed = (await stepRows(proposedGoal)).find((s) => s.status === 'proposed');
		if (!proposed) throw new Error('no proposal');
		await shareGoal({ db: app.db, actor: owner, input: { goalId, supporterId: carer.userId } });

		const sameSite = await member(site);
		const otherSite = await makeSite(app);
		const foreign = await member(otherSite);
		const futureDay = '2099-01-02';
		for (const actor of [sameSite, foreign]) {
			const db = app.db;
			// Thunks, so each call starts only when it is awaited.
			const calls: [string, () => Promise<unknown>][] = [
				['getGoal', () => getGoal({ db, actor, input: { goalId } })],
				[
					'addStep',
					() => addStep({ db, actor, input: { goalId, text: 'x', targetDate: futureDay } })
				],
				['setStepDone', () => setStepDone({ db, actor, input: { stepId: step.id, done: true } })],
				[
					'editStep',
					() =>
						editStep({ db, actor, input: { stepId: step.id, text: 'x', targetDate: futureDay } })
				],
				['declineStep', () => declineStep({ db, actor, input: { stepId: step.id } })],
				['acceptStep', () => acceptStep({ db, actor, input: { stepId: proposed.id } })],
				[
					'setGoalStatus',
					() => setGoalStatus({ db, actor, input: { goalId, status: 'set_aside' } })
				],
				['shareGoal', () => shareGoal({ db, actor, input: { goalId, supporterId: carer.userId } })],
				[
					'revokeGoalShare',
					() => revokeGoalShare({ db, actor, input: { goalId, supporterId: carer.userId } })
				],
				[
					'proposeStepFromLesson',
					() => proposeStepFromLesson({ db, actor, input: { lessonId, text: 'x', goalId } })
				]
			];
			for (const [name, call] of calls)
				expect((await failure(call())).code, name).toBe('not_found');
			// The lesson of another site's course is not found either.
			if (actor === foreign)
				expect(
					(await failure(proposeStepFromLesson({ db, actor, input: { lessonId, text: 'x' } }))).code
				).toBe('not_found');
			expect(await listGoals({ db, actor })).toEqual([]);
		}
		// Unknown and malformed ids look the same.
		for (const goalIdTried of [randomUUID(), 'not-a-uuid', ''])
			expect(
				(await failure(getGoal({ db: app.db, actor: owner, input: { goalId: goalIdTried } }))).code
			).toBe('not_found');
		// Nothing of the owner's changed.
		const steps = await stepRows(goalId);
		expect(steps.map((s) => s.status).sort()).toEqual(['open', 'proposed']);
		expect(steps.find((s) => s.id === step.id)?.text).toBe('Step');
		const [g] = await app.db
			.select()
			.from(goals)
			.where(and(eq(goals.id, goalId)));
		expect(g?.status).toBe('active');
		expect(await listSharedGoals({ db: app.db, actor: carer.actor })).toHaveLength(1);
	});
});
