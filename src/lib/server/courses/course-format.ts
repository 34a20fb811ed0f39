// The course folder format (content/courses/FORMAT.md): Zod schemas for course.md and lesson
// front matter, the shapes they are read into, and the error that lists every problem.
import { z } from 'zod';
import { locales } from '../../paraglide/runtime.js';
import { AppError } from '../errors';
import { formatIssue, slugPattern, type ContentIssue } from '../content/front-matter';
import { classifyUrl } from '../content/render-markdown';
import { courseCategories, type CourseCategory, type LessonContent } from './courses.schema';

export type CourseIssue = ContentIssue;

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
