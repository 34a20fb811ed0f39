// The course folder format (content/courses/FORMAT.md): Zod schemas for course.md and lesson
// front matter, and the reader that turns a folder into a ParsedCourse or a CourseFormatError
// whose every issue names file, line and field.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { locales } from '../../paraglide/runtime.js';
import { AppError } from '../errors';
import { courseCategories, type CourseCategory, type LessonContent } from './courses.schema';
import { classifyUrl } from './render-markdown';

// Larger files are refused before they are read; the source editors (content/) take the same limit.
import { MAX_COURSE_FILE_BYTES } from '../content/authoring';
export { MAX_COURSE_FILE_BYTES };

export type CourseIssue = {
	/** Path inside the course folder, e.g. `lessons/intro/welcome.en.md`. */
	file: string;
	line: number | null;
	/** Dotted path of the field, e.g. `checks[0].options`; empty for the file as a whole. */
	field: string;
	message: string;
};

export function formatIssue(i: CourseIssue, folder?: string): string {
	const where = [folder?.replace(/\/$/, ''), i.file].filter(Boolean).join('/');
	return `${where}${i.line ? ` line ${i.line}` : ''}: ${i.field ? `${i.field}: ` : ''}${i.message}`;
}

/** A course folder that cannot be imported as it is; `issues` lists every problem found. */
export class CourseFormatError extends AppError {
	readonly issues: CourseIssue[];

	constructor(issues: CourseIssue[], folder?: string) {
		const onlyLocales = issues.every((i) => i.message.includes('does not offer'));
		super(
			'invalid_input',
			onlyLocales ? { locale: 'err_locale_not_offered' } : { course: 'err_invalid' }
		);
		this.issues = issues;
		const n = issues.length;
		this.message = [
			`Course ${folder ? `folder ${folder} ` : ''}has ${n} problem${n === 1 ? '' : 's'}:`,
			...issues.map((i) => `  ${formatIssue(i, folder)}`)
		].join('\n');
	}
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ZSlug = z
	.string()
	.max(64, 'must be at most 64 characters')
	.regex(slugPattern, 'must use only a-z, 0-9 and single hyphens, e.g. "my-first-lesson"');
const ZText = (max: number) =>
	z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Text per language: `{ en: …, th: … }`, with only languages Kith knows. */
const ZLocaleTexts = (max: number) =>
	z.record(z.string(), ZText(max)).superRefine((texts, ctx) => {
		for (const locale of Object.keys(texts))
			if (!(locales as readonly string[]).includes(locale))
				ctx.addIssue({
					code: 'custom',
					path: [locale],
					message: `unknown language "${locale}" (Kith has ${locales.join(', ')})`
				});
	});

function noDuplicates<T>(
	items: T[],
	keyOf: (t: T) => string,
	what: string,
	ctx: z.RefinementCtx,
	pathOf: (index: number) => (string | number)[] = (index) => [index]
): void {
	const seen = new Set<string>();
	items.forEach((item, index) => {
		const key = keyOf(item);
		if (seen.has(key))
			ctx.addIssue({
				code: 'custom',
				path: pathOf(index),
				message: `${what} "${key}" is used twice`
			});
		seen.add(key);
	});
}

export const ZCourseFile = z
	.strictObject({
		slug: ZSlug,
		category: z.enum(courseCategories, {
			error: (iss) =>
				`unknown category ${JSON.stringify(iss.input)}; use ${courseCategories.join(', ')}`
		}),
		sample: z.boolean().default(false),
		title: ZLocaleTexts(200).refine(
			(t) => Object.keys(t).length > 0,
			'needs at least one language'
		),
		summary: ZLocaleTexts(2000).default({}),
		modules: z
			.array(
				z.strictObject({
					slug: ZSlug,
					title: ZLocaleTexts(200).refine(
						(t) => Object.keys(t).length > 0,
						'needs at least one language'
					),
					lessons: z
						.array(ZSlug)
						.min(1, 'needs at least one lesson')
						.superRefine((l, ctx) => noDuplicates(l, (s) => s, 'lesson', ctx))
				})
			)
			.min(1, 'needs at least one module')
			.superRefine((m, ctx) => noDuplicates(m, (x) => x.slug, 'module', ctx))
	})
	.superRefine((c, ctx) => {
		for (const locale of Object.keys(c.summary))
			if (!(locale in c.title))
				ctx.addIssue({
					code: 'custom',
					path: ['summary', locale],
					message: `there is no title in "${locale}"; add title.${locale} or remove this summary`
				});
	});
export type TCourseFile = z.infer<typeof ZCourseFile>;

const ZKey = z
	.string()
	.max(64, 'must be at most 64 characters')
	.regex(slugPattern, 'must use only a-z, 0-9 and hyphens, the same in every language');

const ZUrl = z
	.string()
	.refine((u) => classifyUrl(u) !== 'bad', 'must be a relative address or start with https://');

export const ZLessonFile = z
	.strictObject({
		title: ZText(200),
		minutes: z.int('must be a whole number').min(1).max(600).optional(),
		checks: z
			.array(
				z.strictObject({
					key: ZKey,
					question: ZText(1000),
					options: z
						.array(z.strictObject({ text: ZText(500), correct: z.boolean().default(false) }))
						.min(2, 'needs at least two options')
						.refine(
							(o) => o.filter((x) => x.correct).length === 1,
							'exactly one option must be correct'
						),
					explanation: z.string().trim().max(2000).default('')
				})
			)
			.default([]),
		reflections: z.array(z.strictObject({ key: ZKey, prompt: ZText(1000) })).default([]),
		assignment: ZText(2000).optional(),
		audio: z
			.strictObject({ src: ZUrl, transcript: z.string().trim().max(50_000).optional() })
			.optional()
	})
	.superRefine((l, ctx) => {
		noDuplicates(
			l.checks,
			(c) => c.key,
			'key',
			ctx,
			(i) => ['checks', i, 'key']
		);
		noDuplicates(
			l.reflections,
			(r) => r.key,
			'key',
			ctx,
			(i) => ['reflections', i, 'key']
		);
	});
export type TLessonFile = z.infer<typeof ZLessonFile>;

/** One lesson in one language, as read from its file. */
export type ParsedLessonFile = {
	file: string;
	locale: string;
	/** The whole file (line ends normalised), kept as the version's source. */
	source: string;
	/** Markdown after the front matter, and the file line it starts on. */
	body: string;
	bodyLine: number;
	title: string;
	minutes: number | null;
	checks: LessonContent['checks'];
	reflections: LessonContent['reflections'];
	assignment: string | null;
	audio: LessonContent['audio'];
};

export type ParsedCourse = {
	slug: string;
	category: CourseCategory;
	sample: boolean;
	title: Record<string, string>;
	summary: Record<string, string>;
	modules: {
		slug: string;
		title: Record<string, string>;
		lessons: { slug: string; files: ParsedLessonFile[] }[];
	}[];
	/** Where course.md uses each language, so a site lacking one can be pointed at the line. */
	courseLocales: { locale: string; line: number | null; field: string }[];
};

export type Path = readonly PropertyKey[];

export const fieldName = (path: Path): string =>
	path
		.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
		.join('');

/** The file line of the field at `path` (its key, for a map entry), or of its nearest parent. */
function lineOfPath(doc: Document.Parsed, toLine: (offset: number) => number, path: Path): number {
	for (let n = path.length; n >= 0; n--) {
		const last = path[n - 1];
		if (n > 0 && typeof last === 'string') {
			const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
			if (isMap(parent)) {
				const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === last);
				if (pair && isNode(pair.key) && pair.key.range) return toLine(pair.key.range[0]);
			}
		} else {
			const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
			if (isNode(node) && node.range) return toLine(node.range[0]);
		}
	}
	return toLine(0);
}

type FrontMatter<T> =
	| { ok: true; data: T; body: string; bodyLine: number; lineOf: (path: Path) => number }
	| { ok: false };

/**
 * Splits `---` front matter from the body and validates it with `schema`, pushing every problem
 * to `issues` with the file line it sits on.
 */
export function readFrontMatter<T>(
	file: string,
	text: string,
	schema: z.ZodType<T>,
	issues: CourseIssue[]
): FrontMatter<T> {
	const lines = text.split('\n');
	const fence = (l: string | undefined) => l !== undefined && l.trimEnd() === '---';
	if (!fence(lines[0])) {
		issues.push({
			file,
			line: 1,
			field: '',
			message: 'must start with a line "---" that opens the front matter'
		});
		return { ok: false };
	}
	const close = lines.findIndex((l, i) => i > 0 && fence(l));
	if (close < 0) {
		issues.push({
			file,
			line: 1,
			field: '',
			message: 'the front matter is never closed with a line "---"'
		});
		return { ok: false };
	}
	const yamlText = lines.slice(1, close).join('\n');
	const counter = new LineCounter();
	// Front matter starts on the file's second line.
	const toLine = (offset: number) => counter.linePos(offset).line + 1;
	const doc = parseDocument(yamlText, {
		lineCounter: counter,
		uniqueKeys: true,
		prettyErrors: true
	});
	if (doc.errors.length > 0) {
		for (const e of doc.errors) {
			const duplicate = e.code === 'DUPLICATE_KEY';
			issues.push({
				file,
				line: toLine(e.pos[0]),
				field: duplicate ? (/^([^:\n]*?)\s*:/.exec(yamlText.slice(e.pos[0]))?.[1] ?? '') : '',
				message: duplicate
					? 'this key appears twice; keep one'
					: `not valid YAML: ${e.message.split(' at line ')[0] ?? e.message}`
			});
		}
		return { ok: false };
	}
	const lineOf = (path: Path) => lineOfPath(doc, toLine, path);
	const parsed = schema.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
	if (!parsed.success) {
		for (const i of parsed.error.issues) {
			if (i.code === 'unrecognized_keys') {
				for (const key of i.keys)
					issues.push({
						file,
						line: lineOf([...i.path, key]),
						field: fieldName([...i.path, key]),
						message: 'unknown field (check the spelling; FORMAT.md lists the fields)'
					});
			} else {
				issues.push({ file, line: lineOf(i.path), field: fieldName(i.path), message: i.message });
			}
		}
		return { ok: false };
	}
	return {
		ok: true,
		data: parsed.data,
		body: lines.slice(close + 1).join('\n'),
		bodyLine: close + 2,
		lineOf
	};
}

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

/** Text of a file: UTF-8, line ends normalised, no byte-order mark. */
export function decodeCourseFile(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
			.decode(bytes)
			.replace(/\r\n?/g, '\n');
	} catch {
		return null;
	}
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

/**
 * Reads a course folder (course.md and lessons/<module>/<lesson>.<locale>.md) and validates it.
 * Throws CourseFormatError naming file, line and field for everything wrong.
 */
export async function parseCourse(folder: string): Promise<ParsedCourse> {
	const issues: CourseIssue[] = [];
	const files: Record<string, string> = {};
	const read = async (rel: string) => {
		const abs = join(folder, rel);
		const info = await stat(abs);
		if (info.size > MAX_COURSE_FILE_BYTES) {
			issues.push({
				file: rel,
				line: null,
				field: '',
				message: `is ${Math.ceil(info.size / 1024)} KB; files may be at most ${MAX_COURSE_FILE_BYTES / 1024} KB`
			});
			return;
		}
		const text = decodeCourseFile(await readFile(abs));
		if (text === null)
			issues.push({ file: rel, line: null, field: '', message: 'is not UTF-8 text' });
		else files[rel] = text;
	};
	let top;
	try {
		top = await readdir(folder, { withFileTypes: true });
	} catch {
		throw new CourseFormatError(
			[{ file: '', line: null, field: '', message: 'is not a readable folder' }],
			folder
		);
	}
	if (top.some((e) => e.name === 'course.md' && e.isFile())) await read('course.md');
	if (top.some((e) => e.name === 'lessons' && e.isDirectory())) {
		for (const m of await readdir(join(folder, 'lessons'), { withFileTypes: true })) {
			if (m.name.startsWith('.')) continue;
			if (!m.isDirectory()) {
				issues.push({
					file: `lessons/${m.name}`,
					line: null,
					field: '',
					message: 'lessons/ may hold only one folder per module'
				});
				continue;
			}
			for (const f of await readdir(join(folder, 'lessons', m.name), { withFileTypes: true })) {
				if (f.name.startsWith('.')) continue;
				const rel = `lessons/${m.name}/${f.name}`;
				if (f.isFile()) await read(rel);
				else
					issues.push({
						file: rel,
						line: null,
						field: '',
						message: 'module folders may hold only lesson files'
					});
			}
		}
	}
	if (files['course.md'] === undefined && !issues.some((i) => i.file === 'course.md'))
		issues.push({
			file: 'course.md',
			line: null,
			field: '',
			message: 'missing: every course folder needs a course.md'
		});
	if (files['course.md'] === undefined) throw new CourseFormatError(issues, folder);
	return parseCourseFiles(files, { folder, issues });
}
