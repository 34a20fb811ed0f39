import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { Document, isSeq } from 'yaml';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordAuditBy } from '../audit/record-audit';
import { AppError, notFound } from '../errors';
import { sites } from '../sites/sites.schema';
import {
	courseModules,
	courses,
	courseTexts,
	lessons,
	lessonVersions,
	moduleTexts
} from './courses.schema';

/** Languages in the site's order (default first), then any others, so files read predictably. */
function byLocale<T extends { locale: string }>(rows: T[], order: string[]): T[] {
	const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
	return [...rows].sort(
		(a, b) => rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale)
	);
}

/**
 * A site's course as the files of a course folder (path → text): course.md rebuilt from the
 * database, and each lesson file the source of its latest version in that language.
 */
export async function exportCourseFiles({
	db,
	actor,
	siteId,
	courseSlug
}: {
	db: Db;
	/** null only for the operator's command line. */
	actor: Actor | null;
	siteId: string;
	courseSlug: string;
}): Promise<Record<string, string>> {
	if (actor) {
		requireUseCase(actor, 'courses.edit');
		if (requireSite(actor).id !== siteId) throw notFound();
	}
	return db.transaction(async (tx) => {
		const [site] = await tx.select().from(sites).where(eq(sites.id, siteId)).limit(1);
		const [course] = await tx
			.select()
			.from(courses)
			.where(and(eq(courses.siteId, siteId), eq(courses.slug, courseSlug)))
			.limit(1);
		if (!site || !course) throw notFound();
		const order = [site.defaultLocale, ...site.locales.filter((l) => l !== site.defaultLocale)];

		const texts = byLocale(
			await tx.select().from(courseTexts).where(eq(courseTexts.courseId, course.id)),
			order
		);
		const modules = await tx
			.select()
			.from(courseModules)
			.where(eq(courseModules.courseId, course.id))
			.orderBy(asc(courseModules.position), asc(courseModules.slug));
		const moduleIds = modules.map((m) => m.id);
		const mTexts =
			moduleIds.length > 0
				? await tx.select().from(moduleTexts).where(inArray(moduleTexts.moduleId, moduleIds))
				: [];
		const lessonRows =
			moduleIds.length > 0
				? await tx
						.select()
						.from(lessons)
						.where(inArray(lessons.moduleId, moduleIds))
						.orderBy(asc(lessons.position), asc(lessons.slug))
				: [];
		const lessonIds = lessonRows.map((l) => l.id);
		// Newest first, so the first row seen per lesson and language is its latest version.
		const versions =
			lessonIds.length > 0
				? await tx
						.select({
							lessonId: lessonVersions.lessonId,
							locale: lessonVersions.locale,
							source: lessonVersions.source
						})
						.from(lessonVersions)
						.where(inArray(lessonVersions.lessonId, lessonIds))
						.orderBy(desc(lessonVersions.version))
				: [];

		const files: Record<string, string> = {};
		const structure = [];
		for (const m of modules) {
			const listed: string[] = [];
			for (const l of lessonRows.filter((x) => x.moduleId === m.id)) {
				const seen = new Set<string>();
				for (const v of versions.filter((x) => x.lessonId === l.id)) {
					if (seen.has(v.locale)) continue;
					seen.add(v.locale);
					files[`lessons/${m.slug}/${l.slug}.${v.locale}.md`] = v.source;
				}
				// A lesson with no text yet cannot be a file; it is left out rather than invented.
				if (seen.size > 0) listed.push(l.slug);
			}
			if (listed.length === 0) continue;
			structure.push({
				slug: m.slug,
				title: Object.fromEntries(
					byLocale(
						mTexts.filter((t) => t.moduleId === m.id),
						order
					).map((t) => [t.locale, t.title])
				),
				lessons: listed
			});
		}
		const summary = Object.fromEntries(
			texts.filter((t) => t.summary !== '').map((t) => [t.locale, t.summary])
		);
		const front = {
			slug: course.slug,
			category: course.category,
			sample: course.isSample,
			title: Object.fromEntries(texts.map((t) => [t.locale, t.title])),
			...(Object.keys(summary).length > 0 ? { summary } : {}),
			modules: structure
		};
		const doc = new Document(front);
		// Lesson lists read best on one line, as FORMAT.md writes them.
		structure.forEach((_, i) => {
			const lessonList = doc.getIn(['modules', i, 'lessons'], true);
			if (isSeq(lessonList)) lessonList.flow = true;
		});
		files['course.md'] =
			`---\n${doc.toString({ lineWidth: 100, flowCollectionPadding: false })}---\n`;

		await recordAuditBy(tx, actor, {
			siteId,
			action: 'course.export',
			entityType: 'course',
			entityId: course.id,
			details: { slug: course.slug, files: Object.keys(files).length }
		});
		return files;
	});
}

/** Writes a course to a new or empty folder, so no stale lesson file is left beside it. */
export async function exportCourse(input: {
	db: Db;
	actor: Actor | null;
	siteId: string;
	courseSlug: string;
	folder: string;
}): Promise<{ files: number }> {
	const existing = await readdir(input.folder).catch(() => []);
	if (existing.length > 0) throw new AppError('conflict', { folder: 'err_invalid' });
	const files = await exportCourseFiles(input);
	for (const [rel, text] of Object.entries(files)) {
		const path = join(input.folder, rel);
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, text, 'utf8');
	}
	return { files: Object.keys(files).length };
}
