// A course written straight into the tables, for tests that must not depend on the importer or
// on the shipped content. Every lesson gets one published version per locale with one knowledge
// check (option 1 is right), one reflection prompt and a home assignment.
import type { App } from '../app';
import type { Site } from '../sites/sites.schema';
import {
	courseModules,
	courses,
	courseTexts,
	lessons,
	lessonVersions,
	moduleTexts,
	type CourseCategory,
	type LessonContent
} from '../courses/courses.schema';
import { rand } from './factories';

export type TestCourse = {
	id: string;
	slug: string;
	/** In course order; `slug` is also each lesson's address segment. */
	lessons: { id: string; slug: string }[];
};

/** What a lesson of the factory says, in a locale: the texts tests look for. */
export const lessonContent = (slug: string, locale: string): LessonContent => ({
	html: `<h2>About ${slug}</h2><p>Lesson text of ${slug} in ${locale}.</p>`,
	checks: [
		{
			key: 'check-one',
			question: `Question of ${slug} (${locale})?`,
			options: [
				{ text: 'Wrong answer', correct: false },
				{ text: 'Right answer', correct: true },
				{ text: 'Another wrong answer', correct: false }
			],
			explanation: `Because of ${slug} (${locale}).`
		}
	],
	reflections: [{ key: 'prompt-one', prompt: `What do you think about ${slug}?` }],
	homeAssignment: { text: `Try ${slug} at home.` },
	audio: null
});

export async function makeCourse(
	app: Pick<App, 'db'>,
	site: Site,
	opts: {
		lessons?: number;
		locales?: string[];
		category?: CourseCategory;
		/** Lessons per module; the rest go into further modules. */
		perModule?: number;
		isSample?: boolean;
	} = {}
): Promise<TestCourse> {
	const locales = opts.locales ?? [site.defaultLocale];
	const count = opts.lessons ?? 2;
	const perModule = opts.perModule ?? count;
	const slug = `course-${rand()}`;
	return app.db.transaction(async (tx) => {
		const [course] = await tx
			.insert(courses)
			.values({
				siteId: site.id,
				slug,
				category: opts.category ?? 'psychoeducation',
				isSample: opts.isSample ?? true
			})
			.returning();
		if (!course) throw new Error('course not inserted');
		for (const locale of locales)
			await tx.insert(courseTexts).values({
				courseId: course.id,
				locale,
				title: `Course ${slug} (${locale})`,
				summary: `Summary of ${slug} in ${locale}.`
			});
		const made: TestCourse['lessons'] = [];
		let moduleId = '';
		for (let i = 0; i < count; i++) {
			if (i % perModule === 0) {
				const [mod] = await tx
					.insert(courseModules)
					.values({ courseId: course.id, slug: `module-${i / perModule + 1}`, position: i })
					.returning();
				if (!mod) throw new Error('module not inserted');
				moduleId = mod.id;
				for (const locale of locales)
					await tx
						.insert(moduleTexts)
						.values({ moduleId, locale, title: `Module ${i / perModule + 1} (${locale})` });
			}
			const lessonSlug = `lesson-${i + 1}`;
			const [lesson] = await tx
				.insert(lessons)
				.values({ moduleId, slug: lessonSlug, position: i, minutes: 5 })
				.returning();
			if (!lesson) throw new Error('lesson not inserted');
			for (const locale of locales)
				await tx.insert(lessonVersions).values({
					lessonId: lesson.id,
					locale,
					version: 1,
					title: `Lesson ${i + 1} (${locale})`,
					source: `---\ntitle: Lesson ${i + 1}\n---\n`,
					content: lessonContent(lessonSlug, locale),
					status: 'published',
					publishedAt: new Date()
				});
			made.push({ id: lesson.id, slug: lessonSlug });
		}
		return { id: course.id, slug, lessons: made };
	});
}
