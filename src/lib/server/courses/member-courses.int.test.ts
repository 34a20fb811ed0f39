import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeCourse } from '../testing/course-factory';
import { auditLog } from '../audit/audit.schema';
import { checkAnswers, enrolments, lessonProgress, reflections } from './courses.schema';
import { listCatalogue } from './list-catalogue';
import { getCourse } from './get-course';
import { enrol } from './enrol';
import { getLesson } from './get-lesson';
import { answerCheck, ZAnswerCheckForm } from './answer-check';
import { saveReflection, ZSaveReflectionForm } from './save-reflection';
import { markLessonDone } from './mark-lesson-done';
import { addAssignmentStep } from './add-assignment-step';
import { goalSteps, goals } from '../goals/goals.schema';
import { decryptText } from '../crypto/encrypt';
import type { Actor } from '../access/actor';

describe.each(dbKinds)('a member taking a course on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const auditFor = (userId: string, action: string) =>
		app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action)));

	/** A site with a course of `lessons` lessons and a member, and a second site with its own. */
	async function setting(lessons = 3) {
		const site = await makeSite(app);
		const course = await makeCourse(app, site, { lessons, perModule: 2, locales: ['en', 'he'] });
		const member = await makePerson(app, site, ['member']);
		const otherSite = await makeSite(app);
		const otherCourse = await makeCourse(app, otherSite, { lessons: 1 });
		const stranger = await makePerson(app, otherSite, ['member']);
		return { site, course, member, otherSite, otherCourse, stranger };
	}

	const at = (actor: Actor, course: string, lesson: string, locale = 'en') => ({
		db: app.db,
		actor,
		input: { course, lesson, locale }
	});

	it('lists the site’s courses by category in the person’s language, and nobody else’s', async () => {
		const { site, course, member, otherCourse } = await setting();
		await makeCourse(app, site, { lessons: 1, category: 'complementary', isSample: false });
		const he = await listCatalogue({ db: app.db, actor: member.actor, input: { locale: 'he' } });
		expect(he.categories.map((c) => c.category)).toEqual(['psychoeducation', 'complementary']);
		const mine = he.categories[0]?.courses[0];
		expect(mine).toMatchObject({
			slug: course.slug,
			title: `Course ${course.slug} (he)`,
			locale: 'he',
			isSample: true,
			lessonCount: 3,
			enrolment: null
		});
		// A language without a text falls back to the site default.
		const th = await listCatalogue({ db: app.db, actor: member.actor, input: { locale: 'th' } });
		expect(th.categories[0]?.courses[0]).toMatchObject({ locale: 'en' });
		const slugs = he.categories.flatMap((c) => c.courses.map((x) => x.slug));
		expect(slugs).not.toContain(otherCourse.slug);
		expect(he.enrolled).toEqual([]);
	});

	it('refuses people without the member space, and courses of another site', async () => {
		const { site, course, member, otherCourse } = await setting();
		const professional = await makePerson(app, site, ['professional']);
		const db = app.db;
		await expect(
			listCatalogue({ db, actor: professional.actor, input: { locale: 'en' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			enrol({ db, actor: professional.actor, input: { course: course.slug } })
		).rejects.toMatchObject({ code: 'not_found' });
		for (const slug of [otherCourse.slug, 'no-such-course']) {
			await expect(
				getCourse({ db, actor: member.actor, input: { course: slug, locale: 'en' } })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(
				enrol({ db, actor: member.actor, input: { course: slug } })
			).rejects.toMatchObject({ code: 'not_found' });
		}
		expect(await db.select().from(enrolments).where(eq(enrolments.userId, member.userId))).toEqual(
			[]
		);
	});

	it('enrols once, audited once', async () => {
		const { course, member } = await setting();
		const input = { course: course.slug };
		expect(await enrol({ db: app.db, actor: member.actor, input })).toEqual({ created: true });
		expect(await enrol({ db: app.db, actor: member.actor, input })).toEqual({ created: false });
		const rows = await app.db.select().from(enrolments).where(eq(enrolments.userId, member.userId));
		expect(rows).toHaveLength(1);
		expect(await auditFor(member.userId, 'course.enrol')).toHaveLength(1);
		const view = await getCourse({
			db: app.db,
			actor: member.actor,
			input: { course: course.slug, locale: 'en' }
		});
		expect(view.enrolment).toEqual({ done: 0, total: 3, continueSegment: 'lesson-1' });
		expect(view.modules.map((mod) => mod.lessons.length)).toEqual([2, 1]);
	});

	it('shows a lesson only to enrolled members, and remembers where they left off', async () => {
		const { course, member } = await setting();
		const app_ = { db: app.db, config: app.config };
		const open = (segment: string) =>
			getLesson({
				app: app_,
				actor: member.actor,
				input: { course: course.slug, lesson: segment, locale: 'en' }
			});

		const before = await open('lesson-2');
		expect(before.content).toBeNull();
		expect(before.lesson.title).toBe('Lesson 2 (en)');
		// Looking without enrolling records nothing.
		expect(
			await app.db.select().from(enrolments).where(eq(enrolments.userId, member.userId))
		).toEqual([]);
		expect(await auditFor(member.userId, 'lesson.open')).toHaveLength(0);

		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const lesson = await open('lesson-2');
		expect(lesson.content?.html).toContain('Lesson text of lesson-2 in en.');
		expect(lesson.content?.checks[0]).toEqual({
			key: 'check-one',
			question: 'Question of lesson-2 (en)?',
			options: ['Wrong answer', 'Right answer', 'Another wrong answer']
		});
		expect(JSON.stringify(lesson)).not.toContain('correct');
		expect(lesson.prev?.segment).toBe('lesson-1');
		expect(lesson.next?.segment).toBe('lesson-3');
		expect(lesson.position).toEqual({ index: 2, total: 3 });
		await open('lesson-2');
		expect(await auditFor(member.userId, 'lesson.open')).toHaveLength(1);

		const [enrolment] = await app.db
			.select()
			.from(enrolments)
			.where(eq(enrolments.userId, member.userId));
		expect(enrolment?.lastLessonId).toBe(course.lessons[1]?.id);
		const progress = await app.db
			.select()
			.from(lessonProgress)
			.where(eq(lessonProgress.enrolmentId, enrolment?.id ?? ''));
		expect(progress).toHaveLength(1);
		expect(progress[0]?.doneAt).toBeNull();

		const catalogue = await listCatalogue({
			db: app.db,
			actor: member.actor,
			input: { locale: 'en' }
		});
		expect(catalogue.enrolled[0]?.enrolment).toEqual({
			done: 0,
			total: 3,
			continueSegment: 'lesson-2'
		});
		await expect(open('no-such-lesson')).rejects.toMatchObject({ code: 'not_found' });
	});

	it('ticks lessons off, resumes at the next one, and completes the course', async () => {
		const { course, member } = await setting(2);
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const done1 = await markLessonDone(at(member.actor, course.slug, 'lesson-1'));
		expect(done1).toEqual({ next: 'lesson-2', courseDone: false });
		await markLessonDone(at(member.actor, course.slug, 'lesson-1'));
		expect(await auditFor(member.userId, 'lesson.done')).toHaveLength(1);
		let catalogue = await listCatalogue({
			db: app.db,
			actor: member.actor,
			input: { locale: 'en' }
		});
		expect(catalogue.enrolled[0]?.enrolment).toEqual({
			done: 1,
			total: 2,
			continueSegment: 'lesson-2'
		});
		expect(await markLessonDone(at(member.actor, course.slug, 'lesson-2'))).toEqual({
			next: null,
			courseDone: true
		});
		const [enrolment] = await app.db
			.select()
			.from(enrolments)
			.where(eq(enrolments.userId, member.userId));
		expect(enrolment?.completedAt).toBeInstanceOf(Date);
		catalogue = await listCatalogue({ db: app.db, actor: member.actor, input: { locale: 'en' } });
		expect(catalogue.enrolled[0]?.enrolment?.done).toBe(2);
	});

	it('answers knowledge checks with their correctness and explanation', async () => {
		const { course, member } = await setting();
		const input = (option: number, check = 'check-one') => ({
			course: course.slug,
			lesson: 'lesson-1',
			locale: 'he',
			check,
			option
		});
		// Not enrolled: nothing to answer.
		await expect(
			answerCheck({ db: app.db, actor: member.actor, input: input(1) })
		).rejects.toMatchObject({ code: 'not_found' });
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		expect(await answerCheck({ db: app.db, actor: member.actor, input: input(0) })).toEqual({
			check: 'check-one',
			option: 0,
			correct: false,
			explanation: 'Because of lesson-1 (he).'
		});
		expect(await answerCheck({ db: app.db, actor: member.actor, input: input(1) })).toMatchObject({
			correct: true
		});
		await expect(
			answerCheck({ db: app.db, actor: member.actor, input: input(3) })
		).rejects.toMatchObject({ code: 'invalid_input', fields: { option: 'err_choose_option' } });
		await expect(
			answerCheck({ db: app.db, actor: member.actor, input: input(0, 'no-such-check') })
		).rejects.toMatchObject({ code: 'invalid_input' });
		const rows = await app.db
			.select()
			.from(checkAnswers)
			.where(eq(checkAnswers.lessonId, course.lessons[0]?.id ?? ''));
		expect(rows.map((r) => [r.optionIndex, r.correct])).toEqual([
			[0, false],
			[1, true]
		]);
		expect(await auditFor(member.userId, 'check.answer')).toHaveLength(2);
	});

	it('keeps reflections encrypted at rest and readable only by their author', async () => {
		const { site, course, member, stranger } = await setting();
		const cfgApp = { db: app.db, config: app.config };
		const words = 'I felt calmer after the walk with my sister.';
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const input = { course: course.slug, lesson: 'lesson-1', locale: 'en', prompt: 'prompt-one' };
		await saveReflection({ app: cfgApp, actor: member.actor, input: { ...input, body: words } });

		const [row] = await app.db
			.select()
			.from(reflections)
			.where(eq(reflections.userId, member.userId));
		expect(row?.bodyEncrypted).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
		expect(row?.bodyEncrypted).not.toContain('calmer');
		const context = `reflection:${member.userId}:${course.lessons[0]?.id}:prompt-one`;
		expect(decryptText(app.config.secret, row?.bodyEncrypted ?? '', context)).toBe(words);
		expect(await auditFor(member.userId, 'reflection.save')).toHaveLength(1);
		// The audit trail never holds the text.
		const trail = await app.db.select().from(auditLog);
		expect(JSON.stringify(trail)).not.toContain('calmer');

		const lesson = { course: course.slug, lesson: 'lesson-1', locale: 'en' };
		const own = await getLesson({ app: cfgApp, actor: member.actor, input: lesson });
		expect(own.content?.reflections).toEqual([
			{ key: 'prompt-one', prompt: 'What do you think about lesson-1?', body: words }
		]);
		expect(await auditFor(member.userId, 'reflection.read')).toHaveLength(1);

		// Saving again replaces the text.
		await saveReflection({
			app: cfgApp,
			actor: member.actor,
			input: { ...input, body: 'Changed.' }
		});
		const again = await getLesson({ app: cfgApp, actor: member.actor, input: lesson });
		expect(again.content?.reflections[0]?.body).toBe('Changed.');

		// Another member of the same site: no way to the text, enrolled or not.
		const neighbour = await makePerson(app, site, ['member']);
		const notEnrolled = await getLesson({ app: cfgApp, actor: neighbour.actor, input: lesson });
		expect(notEnrolled.content).toBeNull();
		await expect(
			saveReflection({ app: cfgApp, actor: neighbour.actor, input: { ...input, body: 'x' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await enrol({ db: app.db, actor: neighbour.actor, input: { course: course.slug } });
		const theirs = await getLesson({ app: cfgApp, actor: neighbour.actor, input: lesson });
		expect(theirs.content?.reflections[0]?.body).toBe('');
		expect(await auditFor(neighbour.userId, 'reflection.read')).toHaveLength(0);

		// A member of another site: the course does not exist for them.
		await expect(
			getLesson({ app: cfgApp, actor: stranger.actor, input: lesson })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			saveReflection({ app: cfgApp, actor: stranger.actor, input: { ...input, body: 'x' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('refuses bad input with a field message and writes nothing', async () => {
		const { course, member } = await setting();
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const fieldOf = (r: {
			success: boolean;
			error?: { issues: { path: PropertyKey[]; message: string }[] };
		}) => r.error?.issues.map((i) => [String(i.path[0]), i.message]);

		expect(fieldOf(ZSaveReflectionForm.safeParse({ prompt: 'prompt-one', body: '   ' }))).toEqual([
			['body', 'err_required']
		]);
		expect(
			fieldOf(ZSaveReflectionForm.safeParse({ prompt: 'prompt-one', body: 'x'.repeat(5001) }))
		).toEqual([['body', 'err_too_long']]);
		expect(
			ZSaveReflectionForm.safeParse({ prompt: 'prompt-one', body: 'x'.repeat(5000) }).success
		).toBe(true);
		// A line break arrives as CRLF but counts as one character, as the textarea counted it.
		const lines = `${'x'.repeat(2499)}\r\n${'y'.repeat(2500)}`;
		const parsed = ZSaveReflectionForm.safeParse({ prompt: 'prompt-one', body: lines });
		expect(parsed.success && parsed.data.body.length).toBe(5000);
		expect(fieldOf(ZSaveReflectionForm.safeParse({ prompt: 'prompt-one' }))).toEqual([
			['body', 'err_required']
		]);
		expect(fieldOf(ZAnswerCheckForm.safeParse({ check: 'check-one' }))).toEqual([
			['option', 'err_choose_option']
		]);
		expect(fieldOf(ZAnswerCheckForm.safeParse({ check: 'check-one', option: '-1' }))).toEqual([
			['option', 'err_choose_option']
		]);
		expect(fieldOf(ZAnswerCheckForm.safeParse({ check: '<script>', option: '1' }))).toEqual([
			['check', 'err_invalid']
		]);

		const cfgApp = { db: app.db, config: app.config };
		await expect(
			saveReflection({
				app: cfgApp,
				actor: member.actor,
				input: {
					course: course.slug,
					lesson: 'lesson-1',
					locale: 'en',
					prompt: 'no-such-prompt',
					body: 'x'
				}
			})
		).rejects.toMatchObject({ code: 'invalid_input' });
		expect(
			await app.db.select().from(reflections).where(eq(reflections.userId, member.userId))
		).toEqual([]);
		expect(await auditFor(member.userId, 'reflection.save')).toHaveLength(0);
		expect(await auditFor(member.userId, 'check.answer')).toHaveLength(0);
	});

	it('offers a home assignment to the member’s goals as a proposed step, in their language', async () => {
		const { course, member, stranger } = await setting();
		const input = { course: course.slug, lesson: 'lesson-2', locale: 'he' };
		await expect(
			addAssignmentStep({ db: app.db, actor: member.actor, input })
		).rejects.toMatchObject({ code: 'not_found' });
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const { goalId } = await addAssignmentStep({ db: app.db, actor: member.actor, input });
		const [goal] = await app.db.select().from(goals).where(eq(goals.id, goalId));
		expect(goal?.userId).toBe(member.userId);
		const steps = await app.db.select().from(goalSteps).where(eq(goalSteps.goalId, goalId));
		expect(steps).toMatchObject([
			{ text: 'Try lesson-2 at home.', status: 'proposed', fromLessonId: course.lessons[1]?.id }
		]);
		await expect(
			addAssignmentStep({ db: app.db, actor: stranger.actor, input })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('shows the site default language, marked untranslated, when a lesson lacks the person’s', async () => {
		const site = await makeSite(app);
		const course = await makeCourse(app, site, { lessons: 1, locales: ['en'] });
		const member = await makePerson(app, site, ['member']);
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const view = await getLesson({
			app: { db: app.db, config: app.config },
			actor: member.actor,
			input: { course: course.slug, lesson: 'lesson-1', locale: 'he' }
		});
		expect(view.lesson).toMatchObject({ locale: 'en', translated: false });
		expect(view.content?.html).toContain('in en.');
	});
});
