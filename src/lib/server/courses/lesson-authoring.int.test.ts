import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeCourse } from '../testing/course-factory';
import { auditLog } from '../audit/audit.schema';
import { lessonVersions } from './courses.schema';
import { sites } from '../sites/sites.schema';
import { enrol } from './enrol';
import { getLesson } from './get-lesson';
import { CourseFormatError } from './course-format';
import { listCourseContent } from './list-course-content';
import { getLessonSource } from './get-lesson-source';
import { previewLesson } from './preview-lesson';
import { saveLessonVersion } from './save-lesson-version';
import { listLessonVersions } from './list-lesson-versions';
import { restoreLessonVersion } from './restore-lesson-version';

/** A lesson file with the factory's keys (check-one, prompt-one). */
const lessonText = (title: string, body = '## Hello\n\nSome text.') =>
	[
		'---',
		`title: ${title}`,
		'checks:',
		'  - key: check-one',
		'    question: Which one?',
		'    options:',
		'      - text: This one',
		'      - text: That one',
		'        correct: true',
		'reflections:',
		'  - key: prompt-one',
		'    prompt: What do you think?',
		'---',
		'',
		body,
		''
	].join('\n');

describe.each(dbKinds)('authoring lessons on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	async function setting() {
		const site = await makeSite(app, { locales: ['en', 'he', 'da'] });
		const course = await makeCourse(app, site, { lessons: 2, locales: ['en'] });
		const editor = await makePerson(app, site, ['content_editor']);
		const member = await makePerson(app, site, ['member']);
		await enrol({ db: app.db, actor: member.actor, input: { course: course.slug } });
		const lesson = course.lessons[0]?.slug ?? '';
		const at = (locale: string) => ({ course: course.slug, lesson, locale });
		const memberSees = async (locale: string) =>
			(await getLesson({ app, actor: member.actor, input: at(locale) })).lesson;
		const versions = (locale: string) =>
			app.db
				.select()
				.from(lessonVersions)
				.where(
					and(
						eq(lessonVersions.lessonId, course.lessons[0]?.id ?? ''),
						eq(lessonVersions.locale, locale)
					)
				);
		return { site, course, editor, member, at, memberSees, versions };
	}

	it('keeps a draft from members and shows them the published version', async () => {
		const { editor, at, memberSees, versions } = await setting();
		const db = app.db;
		const start = await getLessonSource({ db, actor: editor.actor, input: at('da') });
		expect(start).toMatchObject({ from: 'default', sourceLocale: 'en', version: null });

		const draft = await saveLessonVersion({
			db,
			actor: editor.actor,
			input: { ...at('da'), source: lessonText('Gode skridt'), status: 'draft' }
		});
		expect(draft).toEqual({ version: 1, status: 'draft' });
		expect(await memberSees('da')).toMatchObject({ locale: 'en', translated: false });
		expect(await getLessonSource({ db, actor: editor.actor, input: at('da') })).toMatchObject({
			from: 'own',
			source: lessonText('Gode skridt'),
			version: { version: 1, status: 'draft' }
		});

		await saveLessonVersion({
			db,
			actor: editor.actor,
			input: { ...at('da'), source: lessonText('Gode skridt'), status: 'published' }
		});
		expect(await memberSees('da')).toMatchObject({
			locale: 'da',
			title: 'Gode skridt',
			translated: true
		});
		expect((await versions('da')).map((v) => [v.version, v.status, v.createdBy])).toEqual(
			expect.arrayContaining([
				[1, 'draft', editor.actor.userId],
				[2, 'published', editor.actor.userId]
			])
		);
		const audit = await app.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.actorUserId, editor.actor.userId));
		expect(audit.map((a) => a.action).sort()).toEqual(['lesson.publish', 'lesson.save_draft']);

		// A draft in the default language leaves the published one in place, too.
		await saveLessonVersion({
			db,
			actor: editor.actor,
			input: { ...at('en'), source: lessonText('A new title'), status: 'draft' }
		});
		expect(await memberSees('en')).toMatchObject({ title: 'Lesson 1 (en)' });
	});

	it('refuses invalid front matter with line and field, and saves nothing', async () => {
		const { editor, at, versions } = await setting();
		const bad = lessonText('Two right answers').replace(
			'      - text: This one',
			'      - text: This one\n        correct: true'
		);
		const attempt = saveLessonVersion({
			db: app.db,
			actor: editor.actor,
			input: { ...at('en'), source: bad, status: 'published' }
		});
		await expect(attempt).rejects.toBeInstanceOf(CourseFormatError);
		const issues = await attempt.catch((e: CourseFormatError) => e.issues);
		expect(issues).toEqual([
			expect.objectContaining({
				line: 6,
				field: 'checks[0].options',
				message: 'exactly one option must be correct'
			})
		]);
		const unknownField = lessonText('Typo').replace('title:', 'titel:');
		const typo = await previewLesson({
			db: app.db,
			actor: editor.actor,
			input: { ...at('en'), source: unknownField }
		}).catch((e: CourseFormatError) => e.issues);
		expect(typo).toEqual(
			expect.arrayContaining([expect.objectContaining({ line: 2, field: 'titel' })])
		);
		expect(await versions('en')).toHaveLength(1);
	});

	it('refuses check keys that differ from the other languages, and images without alt text', async () => {
		const { editor, at, versions } = await setting();
		const renamed = lessonText('Andre nøgler').replace('key: check-one', 'key: check-two');
		const keys = await saveLessonVersion({
			db: app.db,
			actor: editor.actor,
			input: { ...at('da'), source: renamed, status: 'draft' }
		}).catch((e: CourseFormatError) => e.issues);
		expect(keys).toEqual([expect.objectContaining({ field: 'checks', line: 3 })]);
		const noAlt = await saveLessonVersion({
			db: app.db,
			actor: editor.actor,
			input: {
				...at('da'),
				source: lessonText('Billede', '![](/images/walk.jpg)'),
				status: 'draft'
			}
		}).catch((e: CourseFormatError) => e.issues);
		expect(noAlt).toEqual([expect.objectContaining({ field: 'image', line: 15 })]);
		expect(await versions('da')).toHaveLength(0);
	});

	it('shows images from other websites only where the site allows them', async () => {
		const { site, editor, at, versions } = await setting();
		const remote = lessonText('Billede', '![A quiet lake](https://images.example.org/lake.jpg)');
		const save = () =>
			saveLessonVersion({
				db: app.db,
				actor: editor.actor,
				input: { ...at('da'), source: remote, status: 'draft' }
			});
		const refused = await save().catch((e: CourseFormatError) => e.issues);
		expect(refused).toEqual([expect.objectContaining({ field: 'image', line: 15 })]);
		expect(await versions('da')).toHaveLength(0);

		await app.db.update(sites).set({ allowRemoteContent: true }).where(eq(sites.id, site.id));
		const allowed = { ...editor.actor, site: { ...site, allowRemoteContent: true } };
		await saveLessonVersion({
			db: app.db,
			actor: allowed,
			input: { ...at('da'), source: remote, status: 'draft' }
		});
		const [draft] = await versions('da');
		expect(draft?.content.html).toContain('src="https://images.example.org/lake.jpg"');
	});

	it('refuses a language the site does not offer', async () => {
		const { editor, at, versions } = await setting();
		for (const call of [
			() => getLessonSource({ db: app.db, actor: editor.actor, input: at('th') }),
			() =>
				saveLessonVersion({
					db: app.db,
					actor: editor.actor,
					input: { ...at('th'), source: lessonText('Thai'), status: 'published' }
				})
		])
			await expect(call()).rejects.toMatchObject({
				code: 'invalid_input',
				fields: { lang: 'err_lesson_locale_not_offered' }
			});
		expect(await versions('th')).toHaveLength(0);
	});

	it('restores an earlier version as a new draft and lists the history', async () => {
		const { editor, at, memberSees } = await setting();
		const db = app.db;
		await saveLessonVersion({
			db,
			actor: editor.actor,
			input: { ...at('en'), source: lessonText('Second'), status: 'published' }
		});
		expect(await memberSees('en')).toMatchObject({ title: 'Second' });
		const restored = await restoreLessonVersion({
			db,
			actor: editor.actor,
			input: { ...at('en'), version: 1 }
		});
		expect(restored).toEqual({ version: 3 });
		const history = await listLessonVersions({
			db,
			actor: editor.actor,
			input: { ...at('en'), view: 3 }
		});
		expect(history.versions.map((v) => [v.version, v.status])).toEqual([
			[3, 'draft'],
			[2, 'published'],
			[1, 'published']
		]);
		expect(history.versions[0]?.author).toMatch(/^Person /);
		expect(history.viewed).toMatchObject({ version: 3, title: 'Lesson 1 (en)' });
		// Still a draft: members keep the published second version.
		expect(await memberSees('en')).toMatchObject({ title: 'Second' });
		await expect(
			restoreLessonVersion({ db, actor: editor.actor, input: { ...at('en'), version: 9 } })
		).rejects.toMatchObject({ code: 'not_found' });
		const audit = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.actorUserId, editor.actor.userId), eq(auditLog.action, 'lesson.restore'))
			);
		expect(audit).toHaveLength(1);
	});

	it('shows the translation gaps per lesson and language', async () => {
		const { editor, course, at } = await setting();
		await saveLessonVersion({
			db: app.db,
			actor: editor.actor,
			input: { ...at('da'), source: lessonText('Kladde'), status: 'draft' }
		});
		const { locales, courses } = await listCourseContent({
			db: app.db,
			actor: editor.actor,
			input: { locale: 'en', course: course.slug }
		});
		expect(locales).toEqual(['en', 'he', 'da']);
		const lessons = courses[0]?.modules.flatMap((m) => m.lessons);
		expect(lessons?.map((l) => l.states)).toEqual([
			{ en: 'published', he: 'missing', da: 'draft' },
			{ en: 'published', he: 'missing', da: 'missing' }
		]);
		expect(courses[0]?.missing).toEqual({ en: 0, he: 2, da: 2 });
	});

	it('answers "not found" to members and to another site’s admin', async () => {
		const { member, course, at } = await setting();
		const otherSite = await makeSite(app, { locales: ['en', 'he', 'da'] });
		const otherAdmin = await makePerson(app, otherSite, ['site_admin']);
		for (const actor of [member.actor, otherAdmin.actor, null]) {
			const calls = [
				() =>
					listCourseContent({ db: app.db, actor, input: { locale: 'en', course: course.slug } }),
				() => getLessonSource({ db: app.db, actor, input: at('en') }),
				() => previewLesson({ db: app.db, actor, input: { ...at('en'), source: lessonText('x') } }),
				() =>
					saveLessonVersion({
						db: app.db,
						actor,
						input: { ...at('en'), source: lessonText('x'), status: 'published' }
					}),
				() => listLessonVersions({ db: app.db, actor, input: at('en') }),
				() => restoreLessonVersion({ db: app.db, actor, input: { ...at('en'), version: 1 } })
			];
			for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'not_found' });
		}
		// The other site's admin sees only their own site's courses.
		const theirs = await listCourseContent({
			db: app.db,
			actor: otherAdmin.actor,
			input: { locale: 'en' }
		});
		expect(theirs.courses).toEqual([]);
	});

	it('renders script injected into a lesson inert', async () => {
		const { editor, at } = await setting();
		const body = [
			'## Safe',
			'',
			'<script>alert(1)</script>',
			'',
			'<img src="/x.png" alt="x" onerror="alert(2)">',
			'',
			'[click](javascript:alert(3))'
		].join('\n');
		const source = lessonText('Injected', body);
		const preview = await previewLesson({
			db: app.db,
			actor: editor.actor,
			input: { ...at('en'), source }
		}).catch((e: CourseFormatError) => e.issues);
		// A javascript: link is refused outright, as an import would refuse it.
		expect(preview).toEqual([expect.objectContaining({ field: 'link' })]);
		const saved = await previewLesson({
			db: app.db,
			actor: editor.actor,
			input: { ...at('en'), source: source.replace('[click](javascript:alert(3))', 'end') }
		});
		expect(saved.html).toContain('<h2');
		expect(saved.html).not.toMatch(/<script|onerror|javascript:/i);
	});
});
