// Queries and checks the lesson editor's use cases share: every lesson of a course (published or
// not) with its address, one lesson by address, and a lesson text checked exactly as an import
// would check its file. Nothing here checks permissions; the use cases do that first.
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { requireSite } from '../access/actor';
import { notFound } from '../errors';
import { localeNotOffered } from '../content/authoring';
import type { Site } from '../sites/sites.schema';
import { courseModules, lessons, lessonVersions, type LessonContent } from './courses.schema';
import { findCourse, segmentsOf, type Course } from './course-outline';
import { CourseFormatError, type CourseIssue } from './course-format';
import { parseLessonText } from './parse-course-files';
import { prepareCourseForSite } from './import-course';

type Q = Db | Tx;

export type AuthoringLesson = {
	id: string;
	slug: string;
	segment: string;
	moduleId: string;
	moduleSlug: string;
};

/** Every lesson of a course in order, with the address member pages use (see segmentsOf). */
export async function allLessons(db: Q, courseId: string): Promise<AuthoringLesson[]> {
	const rows = await db
		.select({
			id: lessons.id,
			slug: lessons.slug,
			moduleId: courseModules.id,
			moduleSlug: courseModules.slug
		})
		.from(lessons)
		.innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
		.where(eq(courseModules.courseId, courseId))
		.orderBy(asc(courseModules.position), asc(lessons.position), asc(lessons.slug));
	const segments = segmentsOf(rows);
	return rows.map((r, i) => ({ ...r, segment: segments[i] ?? r.slug }));
}

/**
 * The editor's starting point for every use case: content.edit on the actor's site, a language
 * the site offers, and a lesson of one of the site's courses (anything else: not found).
 */
export async function lessonForEditing(
	db: Q,
	actor: Actor | null,
	input: { course: string; lesson: string; locale: string }
): Promise<{ site: Site; actor: Actor; course: Course; lesson: AuthoringLesson }> {
	requireUseCase(actor, 'courses.edit');
	const site = requireSite(actor);
	const course = await findCourse(db, site.id, input.course);
	const lesson = (await allLessons(db, course.id)).find((l) => l.segment === input.lesson);
	if (!lesson) throw notFound();
	if (!site.locales.includes(input.locale)) throw localeNotOffered();
	return { site, actor, course, lesson };
}

/** The newest version of a lesson in one language, any status. */
export async function newestVersion(db: Q, lessonId: string, locale: string) {
	const [row] = await db
		.select()
		.from(lessonVersions)
		.where(and(eq(lessonVersions.lessonId, lessonId), eq(lessonVersions.locale, locale)))
		.orderBy(desc(lessonVersions.version))
		.limit(1);
	return row;
}

export type CheckedLesson = { title: string; minutes: number | null; content: LessonContent };

/**
 * A lesson text checked as an import checks its file (front matter, one correct option, links,
 * images, alt text) plus keys equal to the newest version in every other language. Throws
 * CourseFormatError naming line and field for each problem.
 */
export async function checkLessonText(
	db: Q,
	input: { site: Site; lesson: AuthoringLesson; locale: string; source: string }
): Promise<CheckedLesson> {
	const { site, lesson, locale } = input;
	const file = `lessons/${lesson.moduleSlug}/${lesson.slug}.${locale}.md`;
	const parsed = parseLessonText(file, locale, input.source);
	if (!parsed.ok) throw new CourseFormatError(parsed.issues);
	const { issues, prepared } = prepareCourseForSite(
		{
			slug: 'editor',
			category: 'skills',
			sample: false,
			title: {},
			summary: {},
			courseLocales: [],
			modules: [
				{
					slug: lesson.moduleSlug,
					title: {},
					lessons: [{ slug: lesson.slug, files: [parsed.lesson] }]
				}
			]
		},
		site,
		{ allowRemote: site.allowRemoteContent }
	);
	issues.push(...(await keyIssues(db, lesson.id, parsed.lesson, parsed.lineOf)));
	const content = prepared[0]?.content;
	if (issues.length > 0 || !content) throw new CourseFormatError(issues);
	return { title: parsed.lesson.title, minutes: parsed.lesson.minutes, content };
}

/** Answers and reflections are stored by key, so every language must use the same keys. */
async function keyIssues(
	db: Q,
	lessonId: string,
	lesson: {
		file: string;
		locale: string;
		checks: { key: string }[];
		reflections: { key: string }[];
	},
	lineOf: (path: readonly PropertyKey[]) => number
): Promise<CourseIssue[]> {
	const others = await db
		.selectDistinctOn([lessonVersions.locale], {
			locale: lessonVersions.locale,
			content: lessonVersions.content
		})
		.from(lessonVersions)
		.where(and(eq(lessonVersions.lessonId, lessonId), ne(lessonVersions.locale, lesson.locale)))
		.orderBy(lessonVersions.locale, desc(lessonVersions.version));
	const issues: CourseIssue[] = [];
	for (const list of ['checks', 'reflections'] as const) {
		const have = lesson[list].map((x) => x.key).join(', ');
		const other = others.find((o) => o.content[list].map((x) => x.key).join(', ') !== have);
		if (other)
			issues.push({
				file: lesson.file,
				line: lineOf([list]),
				field: list,
				message: `keys must match the "${other.locale}" version in the same order: expected [${other.content[list].map((x) => x.key).join(', ')}], found [${have}]`
			});
	}
	return issues;
}
