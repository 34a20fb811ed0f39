import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordAuditBy } from '../audit/record-audit';
import { notFound } from '../errors';
import { sites, type Site } from '../sites/sites.schema';
import {
	courseModules,
	courses,
	courseTexts,
	lessons,
	lessonVersions,
	moduleTexts,
	type LessonContent
} from './courses.schema';
import {
	CourseFormatError,
	type CourseIssue,
	type ParsedCourse,
	type ParsedLessonFile
} from './course-format';
import { parseCourse } from './parse-course';
import { classifyUrl, renderMarkdown } from '../content/render-markdown';

export type ImportCourseResult = {
	courseId: string;
	created: boolean;
	modules: number;
	lessons: number;
	versionsCreated: number;
	versionsUnchanged: number;
};

type Prepared = { file: ParsedLessonFile; content: LessonContent };

/**
 * Everything that depends on the target site, checked before anything is written: every
 * language must be one the site offers, and every lesson must render without warnings.
 */
export function prepareCourseForSite(
	course: ParsedCourse,
	site: Pick<Site, 'slug' | 'locales'>,
	{ allowRemote = false }: { allowRemote?: boolean } = {}
): { issues: CourseIssue[]; prepared: Prepared[] } {
	const issues: CourseIssue[] = [];
	const offered = (l: string) => site.locales.includes(l);
	const notOffered = (l: string) =>
		`site "${site.slug}" does not offer "${l}" (it offers ${site.locales.join(', ')})`;
	for (const c of course.courseLocales)
		if (!offered(c.locale))
			issues.push({
				file: 'course.md',
				line: c.line,
				field: c.field,
				message: notOffered(c.locale)
			});
	const prepared: Prepared[] = [];
	for (const m of course.modules)
		for (const l of m.lessons)
			for (const file of l.files) {
				if (!offered(file.locale))
					issues.push({ file: file.file, line: null, field: '', message: notOffered(file.locale) });
				const { html, warnings } = renderMarkdown(file.body, { allowRemote });
				for (const w of warnings)
					issues.push({
						file: file.file,
						line: w.line === null ? null : file.bodyLine + w.line - 1,
						field: w.field,
						message: w.message
					});
				if (file.audio && classifyUrl(file.audio.src) === 'https' && !allowRemote)
					issues.push({
						file: file.file,
						line: null,
						field: 'audio.src',
						message: 'audio must come from this site (a relative address)'
					});
				prepared.push({
					file,
					content: {
						html,
						checks: file.checks,
						reflections: file.reflections,
						homeAssignment: file.assignment ? { text: file.assignment } : null,
						audio: file.audio
					}
				});
			}
	return { issues, prepared };
}

/** One number for the lesson row; translations may differ, so the course's first language wins. */
function minutesOf(course: ParsedCourse, files: ParsedLessonFile[]): number | null {
	const first = Object.keys(course.title)[0];
	const preferred = files.find((f) => f.locale === first)?.minutes;
	return preferred ?? files.find((f) => f.minutes !== null)?.minutes ?? null;
}

/** Refuses an import that would drop modules or lessons members may have progress in. */
async function checkNothingRemoved(tx: Tx, courseId: string, course: ParsedCourse): Promise<void> {
	const existing = await tx
		.select({ module: courseModules.slug, lesson: lessons.slug })
		.from(courseModules)
		.leftJoin(lessons, eq(lessons.moduleId, courseModules.id))
		.where(eq(courseModules.courseId, courseId));
	const issues: CourseIssue[] = [];
	for (const row of existing) {
		const m = course.modules.find((x) => x.slug === row.module);
		if (!m) {
			if (!issues.some((i) => i.message.includes(`module "${row.module}"`)))
				issues.push({
					file: 'course.md',
					line: null,
					field: 'modules',
					message: `module "${row.module}" exists on the site but not here; import cannot remove modules`
				});
		} else if (row.lesson && !m.lessons.some((l) => l.slug === row.lesson)) {
			issues.push({
				file: 'course.md',
				line: null,
				field: 'modules',
				message: `lesson "${row.lesson}" of module "${row.module}" exists on the site but not here; import cannot remove lessons`
			});
		}
	}
	if (issues.length > 0) throw new CourseFormatError(issues);
}

/**
 * Writes a parsed course into a site in one transaction: course, texts, modules and lessons are
 * upserted by slug, and a new published lesson version is added only where the source changed.
 */
export async function importCourse({
	db,
	actor,
	siteId,
	course,
	actorUserId = null
}: {
	db: Db;
	/** null only for the operator's command line and the demo seed. */
	actor: Actor | null;
	siteId: string;
	course: ParsedCourse;
	/** Credited as author of new versions when there is no actor (e.g. the seed's admin). */
	actorUserId?: string | null;
}): Promise<ImportCourseResult> {
	if (actor) {
		requireUseCase(actor, 'courses.edit');
		if (requireSite(actor).id !== siteId) throw notFound();
	}
	const [site] = await db.select().from(sites).where(eq(sites.id, siteId)).limit(1);
	if (!site) throw notFound();
	const { issues, prepared } = prepareCourseForSite(course, site, {
		allowRemote: site.allowRemoteContent
	});
	if (issues.length > 0) throw new CourseFormatError(issues);
	const createdBy = actor?.userId ?? actorUserId;

	return db.transaction(async (tx) => {
		const now = new Date();
		const [existing] = await tx
			.select({ id: courses.id })
			.from(courses)
			.where(and(eq(courses.siteId, siteId), eq(courses.slug, course.slug)))
			.limit(1);
		if (existing) await checkNothingRemoved(tx, existing.id, course);
		const [row] = await tx
			.insert(courses)
			.values({ siteId, slug: course.slug, category: course.category, isSample: course.sample })
			.onConflictDoUpdate({
				target: [courses.siteId, courses.slug],
				set: { category: course.category, isSample: course.sample, updatedAt: now }
			})
			.returning({ id: courses.id });
		if (!row) throw new Error('course upsert returned no row');
		const courseId = row.id;

		await tx.delete(courseTexts).where(eq(courseTexts.courseId, courseId));
		await tx.insert(courseTexts).values(
			Object.entries(course.title).map(([locale, title]) => ({
				courseId,
				locale,
				title,
				summary: course.summary[locale] ?? ''
			}))
		);

		let lessonCount = 0;
		let versionsCreated = 0;
		let versionsUnchanged = 0;
		for (const [position, m] of course.modules.entries()) {
			const [mod] = await tx
				.insert(courseModules)
				.values({ courseId, slug: m.slug, position })
				.onConflictDoUpdate({
					target: [courseModules.courseId, courseModules.slug],
					set: { position }
				})
				.returning({ id: courseModules.id });
			if (!mod) throw new Error('module upsert returned no row');
			await tx.delete(moduleTexts).where(eq(moduleTexts.moduleId, mod.id));
			await tx
				.insert(moduleTexts)
				.values(
					Object.entries(m.title).map(([locale, title]) => ({ moduleId: mod.id, locale, title }))
				);

			for (const [lessonPosition, l] of m.lessons.entries()) {
				lessonCount++;
				const minutes = minutesOf(course, l.files);
				const [lesson] = await tx
					.insert(lessons)
					.values({ moduleId: mod.id, slug: l.slug, position: lessonPosition, minutes })
					.onConflictDoUpdate({
						target: [lessons.moduleId, lessons.slug],
						set: { position: lessonPosition, minutes }
					})
					.returning({ id: lessons.id });
				if (!lesson) throw new Error('lesson upsert returned no row');
				for (const file of l.files) {
					const [latest] = await tx
						.select({ version: lessonVersions.version, source: lessonVersions.source })
						.from(lessonVersions)
						.where(
							and(eq(lessonVersions.lessonId, lesson.id), eq(lessonVersions.locale, file.locale))
						)
						.orderBy(desc(lessonVersions.version))
						.limit(1);
					if (latest?.source === file.source) {
						versionsUnchanged++;
						continue;
					}
					const content = prepared.find((p) => p.file === file)?.content;
					if (!content) throw new Error(`lesson ${file.file} was not prepared`);
					await tx.insert(lessonVersions).values({
						lessonId: lesson.id,
						locale: file.locale,
						version: (latest?.version ?? 0) + 1,
						title: file.title,
						source: file.source,
						content,
						status: 'published',
						createdBy,
						publishedAt: now
					});
					versionsCreated++;
				}
			}
		}

		await recordAuditBy(tx, actor, {
			siteId,
			action: 'course.import',
			entityType: 'course',
			entityId: courseId,
			details: {
				slug: course.slug,
				created: !existing,
				modules: course.modules.length,
				lessons: lessonCount,
				versionsCreated,
				versionsUnchanged
			}
		});
		return {
			courseId,
			created: !existing,
			modules: course.modules.length,
			lessons: lessonCount,
			versionsCreated,
			versionsUnchanged
		};
	});
}

/** Reads, validates and imports one course folder: what the command line and demo seed do. */
export async function importCourseFolder({
	folder,
	...rest
}: {
	db: Db;
	actor: Actor | null;
	siteId: string;
	folder: string;
	actorUserId?: string | null;
}): Promise<ImportCourseResult & { slug: string }> {
	const course = await parseCourse(folder);
	try {
		return { ...(await importCourse({ ...rest, course })), slug: course.slug };
	} catch (e) {
		// Name the folder in the message, as parsing does, so a list of problems says where.
		if (e instanceof CourseFormatError) throw new CourseFormatError(e.issues, folder);
		throw e;
	}
}
