// Course and lesson files, given as text, checked against the course format: a whole course
// (parseCourseFiles) or one lesson as the editor holds it (parseLessonText).
import { locales } from '../../paraglide/runtime.js';
import { fieldName, readFrontMatter, type Path } from '../content/front-matter';
import {
	CourseFormatError,
	ZCourseFile,
	ZLessonFile,
	type CourseIssue,
	type ParsedCourse,
	type ParsedLessonFile
} from './course-format';

const lessonFileName = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2,3})\.md$/;

function parseLesson(file: string, locale: string, text: string, issues: CourseIssue[]) {
	const fm = readFrontMatter(file, text, ZLessonFile, issues);
	if (!fm.ok) return null;
	if (fm.body.trim() === '')
		issues.push({
			file,
			line: fm.bodyLine,
			field: '',
			message: 'the lesson has no text after the front matter'
		});
	const l = fm.data;
	const lesson: ParsedLessonFile = {
		file,
		locale,
		source: text,
		body: fm.body,
		bodyLine: fm.bodyLine,
		title: l.title,
		minutes: l.minutes ?? null,
		checks: l.checks.map((c) => ({
			key: c.key,
			question: c.question,
			options: c.options.map((o) => ({ text: o.text, correct: o.correct })),
			explanation: c.explanation
		})),
		reflections: l.reflections.map((r) => ({ key: r.key, prompt: r.prompt })),
		assignment: l.assignment ?? null,
		audio: l.audio
			? { src: l.audio.src, ...(l.audio.transcript ? { transcript: l.audio.transcript } : {}) }
			: null
	};
	return { lesson, lineOf: fm.lineOf };
}

/**
 * One lesson file on its own, as the lesson editor checks it: the parsed lesson and a way to find
 * a field's line, or every problem with line and field. Keys across languages are the caller's.
 */
export function parseLessonText(
	file: string,
	locale: string,
	text: string
):
	| { ok: true; lesson: ParsedLessonFile; lineOf: (path: Path) => number }
	| { ok: false; issues: CourseIssue[] } {
	const issues: CourseIssue[] = [];
	const parsed = parseLesson(file, locale, text.replace(/\r\n?/g, '\n'), issues);
	if (!parsed || issues.length > 0) return { ok: false, issues };
	return { ok: true, ...parsed };
}

/**
 * Validates a course given as files (path inside the folder → text) and returns its structure,
 * or throws CourseFormatError listing every problem with file, line and field.
 */
export function parseCourseFiles(
	files: Record<string, string>,
	{ folder, issues = [] }: { folder?: string; issues?: CourseIssue[] } = {}
): ParsedCourse {
	const fail = () => new CourseFormatError(issues, folder);
	const courseText = files['course.md'];
	if (courseText === undefined) {
		issues.push({
			file: 'course.md',
			line: null,
			field: '',
			message: 'missing: every course folder needs a course.md'
		});
		throw fail();
	}
	const fm = readFrontMatter('course.md', courseText, ZCourseFile, issues);

	// Lesson files, grouped by module folder and lesson slug.
	type Found = { file: string; locale: string };
	const found = new Map<string, Map<string, Found[]>>();
	for (const file of Object.keys(files).sort()) {
		if (file === 'course.md' || !file.startsWith('lessons/')) continue;
		const parts = file.split('/');
		const name = parts[2] ?? '';
		const match = lessonFileName.exec(name);
		if (parts.length !== 3 || !match) {
			issues.push({
				file,
				line: null,
				field: '',
				message: 'lesson files must be named lessons/<module-slug>/<lesson-slug>.<language>.md'
			});
			continue;
		}
		const [, lessonSlug = '', locale = ''] = match;
		if (!(locales as readonly string[]).includes(locale)) {
			issues.push({
				file,
				line: null,
				field: '',
				message: `unknown language "${locale}" (Kith has ${locales.join(', ')})`
			});
			continue;
		}
		const moduleSlug = parts[1] ?? '';
		const byLesson = found.get(moduleSlug) ?? new Map<string, Found[]>();
		found.set(moduleSlug, byLesson);
		byLesson.set(lessonSlug, [...(byLesson.get(lessonSlug) ?? []), { file, locale }]);
	}
	if (!fm.ok) {
		// Lesson files can still be checked on their own, so one run shows every problem.
		for (const byLesson of found.values())
			for (const list of byLesson.values())
				for (const f of list) parseLesson(f.file, f.locale, files[f.file] ?? '', issues);
		throw fail();
	}

	const c = fm.data;
	const course: ParsedCourse = {
		slug: c.slug,
		category: c.category,
		sample: c.sample,
		title: c.title,
		summary: c.summary,
		modules: [],
		courseLocales: []
	};
	const noteLocales = (texts: Record<string, string>, path: Path) => {
		for (const locale of Object.keys(texts))
			course.courseLocales.push({
				locale,
				line: fm.lineOf([...path, locale]),
				field: fieldName([...path, locale])
			});
	};
	noteLocales(c.title, ['title']);
	noteLocales(c.summary, ['summary']);
	const preferred = Object.keys(c.title)[0];

	c.modules.forEach((m, mi) => {
		noteLocales(m.title, ['modules', mi, 'title']);
		const byLesson = found.get(m.slug) ?? new Map<string, Found[]>();
		found.delete(m.slug);
		const lessons: ParsedCourse['modules'][number]['lessons'] = [];
		m.lessons.forEach((slug, li) => {
			const list = byLesson.get(slug) ?? [];
			byLesson.delete(slug);
			if (list.length === 0) {
				// A file refused while reading (too large, not text) has its own issue already.
				if (issues.some((i) => i.file.startsWith(`lessons/${m.slug}/${slug}.`))) return;
				issues.push({
					file: 'course.md',
					line: fm.lineOf(['modules', mi, 'lessons', li]),
					field: fieldName(['modules', mi, 'lessons', li]),
					message: `no lesson file lessons/${m.slug}/${slug}.<language>.md`
				});
				return;
			}
			const parsed = list
				.map((f) => parseLesson(f.file, f.locale, files[f.file] ?? '', issues))
				.filter((p) => p !== null);
			if (parsed.length !== list.length) return;
			checkSameKeys(parsed, preferred, issues);
			lessons.push({ slug, files: parsed.map((p) => p.lesson) });
		});
		for (const list of byLesson.values())
			for (const f of list)
				issues.push({
					file: f.file,
					line: null,
					field: '',
					message: `not listed under module "${m.slug}" in course.md (add it to its lessons, or remove the file)`
				});
		course.modules.push({ slug: m.slug, title: m.title, lessons });
	});
	for (const [moduleSlug, byLesson] of found)
		for (const list of byLesson.values())
			for (const f of list)
				issues.push({
					file: f.file,
					line: null,
					field: '',
					message: `no module "${moduleSlug}" in course.md`
				});
	if (issues.length > 0) throw fail();
	return course;
}

type ParsedWithLines = { lesson: ParsedLessonFile; lineOf: (path: Path) => number };

/** Answers and reflections are stored by key, so every language must use the same keys. */
function checkSameKeys(
	parsed: ParsedWithLines[],
	preferred: string | undefined,
	issues: CourseIssue[]
) {
	const base = parsed.find((p) => p.lesson.locale === preferred) ?? parsed[0];
	if (!base) return;
	for (const p of parsed) {
		if (p === base) continue;
		for (const list of ['checks', 'reflections'] as const) {
			const want = base.lesson[list].map((x) => x.key).join(', ');
			const have = p.lesson[list].map((x) => x.key).join(', ');
			if (want !== have)
				issues.push({
					file: p.lesson.file,
					line: p.lineOf([list]),
					field: list,
					message: `keys must match ${base.lesson.file} in the same order: expected [${want}], found [${have}]`
				});
		}
	}
}
