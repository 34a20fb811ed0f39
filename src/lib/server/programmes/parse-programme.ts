// The programme folder format (content/programmes/FORMAT.md): programme.yaml for the structure and
// one <locale>.md per language whose front matter holds the texts. Every problem names file, line
// and field, like course folders (the front-matter reader is shared with them).
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { locales } from '../../paraglide/runtime.js';
import { AppError } from '../errors';
import {
	decodeContentFile,
	formatIssue,
	MAX_CONTENT_FILE_BYTES,
	readFrontMatter,
	slugPattern,
	type ContentIssue
} from '../content/front-matter';
import { classifyUrl } from '../content/render-markdown';
import type { ProgrammeContent } from './programmes.schema';

export type ProgrammeIssue = ContentIssue;

/** A programme folder that cannot be imported as it is; `issues` lists every problem found. */
export class ProgrammeFormatError extends AppError {
	readonly issues: ProgrammeIssue[];

	constructor(issues: ProgrammeIssue[], folder?: string) {
		const onlyLocales = issues.every((i) => i.message.includes('does not offer'));
		super(
			'invalid_input',
			onlyLocales ? { locale: 'err_locale_not_offered' } : { programme: 'err_invalid' }
		);
		this.issues = issues;
		const n = issues.length;
		this.message = [
			`Programme ${folder ? `folder ${folder} ` : ''}has ${n} problem${n === 1 ? '' : 's'}:`,
			...issues.map((i) => `  ${formatIssue(i, folder)}`)
		].join('\n');
	}
}

const ZText = (max: number) =>
	z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Markdown whose links are relative or https only. */
const ZMarkdown = (max: number) =>
	ZText(max).refine(
		(md) => [...md.matchAll(/\]\(([^)\s]+)/g)].every((m) => classifyUrl(m[1] ?? '') !== 'bad'),
		'links must be relative addresses or start with https://'
	);

export const ZProgrammeFile = z
	.strictObject({
		kind: z.enum(['course', 'ongoing'], {
			error: (iss) => `unknown kind ${JSON.stringify(iss.input)}; use course or ongoing`
		}),
		sessionCount: z.int('must be a whole number').min(1).max(52).optional(),
		rhythm: z
			.enum(['weekly', 'fortnightly', 'monthly'], {
				error: (iss) =>
					`unknown rhythm ${JSON.stringify(iss.input)}; use weekly, fortnightly or monthly`
			})
			.default('weekly'),
		sample: z.boolean().default(false)
	})
	.superRefine((p, ctx) => {
		if (p.kind === 'course' && p.sessionCount === undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['sessionCount'],
				message: 'a course needs sessionCount'
			});
		if (p.kind === 'ongoing' && p.sessionCount !== undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['sessionCount'],
				message: 'an ongoing programme has no sessionCount; remove it'
			});
	});
export type TProgrammeFile = z.infer<typeof ZProgrammeFile>;

const ZKey = z
	.string()
	.max(64, 'must be at most 64 characters')
	.regex(slugPattern, 'must use only a-z, 0-9 and hyphens, the same in every language');

export const ZProgrammeText = z
	.strictObject({
		title: ZText(200),
		summary: ZText(2000),
		agreement: ZMarkdown(20_000),
		fidelityItems: z
			.array(z.strictObject({ key: ZKey, label: ZText(300) }))
			.min(1, 'needs at least one item'),
		sessions: z
			.array(
				z.strictObject({
					number: z.int('must be a whole number').min(1).max(52),
					theme: ZText(300),
					guide: ZMarkdown(20_000)
				})
			)
			.default([])
	})
	.superRefine((t, ctx) => {
		const seen = new Set<string>();
		t.fidelityItems.forEach((item, i) => {
			if (seen.has(item.key))
				ctx.addIssue({
					code: 'custom',
					path: ['fidelityItems', i, 'key'],
					message: `key "${item.key}" is used twice`
				});
			seen.add(item.key);
		});
		t.sessions.forEach((s, i) => {
			if (s.number !== i + 1)
				ctx.addIssue({
					code: 'custom',
					path: ['sessions', i, 'number'],
					message: `sessions are numbered in order from 1: expected ${i + 1}`
				});
		});
	});

export type ParsedProgrammeText = {
	file: string;
	locale: string;
	/** The whole file, kept as the version's source; a new version only when it changes. */
	source: string;
	content: ProgrammeContent;
};

export type ParsedProgramme = {
	slug: string;
	kind: 'course' | 'ongoing';
	sessionCount: number | null;
	rhythm: 'weekly' | 'fortnightly' | 'monthly';
	sample: boolean;
	texts: ParsedProgrammeText[];
};

const textFileName = /^([a-z]{2,3})\.md$/;

/**
 * Checks one language file on its own against the programme's structure; returns the text or
 * pushes its problems. Used by the folder reader and by the admin's save-as-new-version.
 */
export function parseProgrammeText(
	file: string,
	text: string,
	structure: { kind: 'course' | 'ongoing'; sessionCount: number | null },
	issues: ProgrammeIssue[]
): ParsedProgrammeText | null {
	const locale = textFileName.exec(file)?.[1] ?? '';
	if (!(locales as readonly string[]).includes(locale)) {
		issues.push({
			file,
			line: null,
			field: '',
			message: `"${locale}" is not a language Kith knows (it has ${locales.join(', ')})`
		});
		return null;
	}
	const source = text.replace(/\r\n?/g, '\n');
	const before = issues.length;
	const fm = readFrontMatter(file, source, ZProgrammeText, issues);
	if (!fm.ok) return null;
	const t = fm.data;
	const want = structure.kind === 'course' ? (structure.sessionCount ?? 0) : 0;
	if (t.sessions.length !== want)
		issues.push({
			file,
			line: fm.lineOf(['sessions']),
			field: 'sessions',
			message:
				structure.kind === 'course'
					? `programme.yaml says sessionCount ${want}, but there are ${t.sessions.length} sessions`
					: 'an ongoing programme lists no sessions (use sessions: [])'
		});
	if (issues.length > before) return null;
	return {
		file,
		locale,
		source,
		content: {
			title: t.title,
			summary: t.summary,
			agreement: t.agreement,
			fidelityItems: t.fidelityItems.map(({ key, label }) => ({ key, label })),
			sessions: t.sessions.map(({ number, theme, guide }) => ({ number, theme, guide }))
		}
	};
}

/** Fidelity answers are stored by key, so every language must use the same keys in order. */
function checkSameKeys(texts: ParsedProgrammeText[], issues: ProgrammeIssue[]): void {
	const base = texts.find((t) => t.locale === 'en') ?? texts[0];
	if (!base) return;
	const want = base.content.fidelityItems.map((i) => i.key).join(', ');
	for (const t of texts) {
		const have = t.content.fidelityItems.map((i) => i.key).join(', ');
		if (t !== base && have !== want)
			issues.push({
				file: t.file,
				line: null,
				field: 'fidelityItems',
				message: `keys must match ${base.file} in the same order: expected [${want}], found [${have}]`
			});
	}
}

/**
 * Programme files given as text (path inside the folder → content): validates programme.yaml and
 * every <locale>.md, or throws ProgrammeFormatError naming file, line and field.
 */
export function parseProgrammeFiles(
	slug: string,
	files: Record<string, string>,
	{ folder, issues = [] }: { folder?: string; issues?: ProgrammeIssue[] } = {}
): ParsedProgramme {
	if (!slugPattern.test(slug))
		issues.push({
			file: '',
			line: null,
			field: '',
			message: `the folder name "${slug}" is the programme's slug: use only a-z, 0-9 and hyphens`
		});
	const yaml = files['programme.yaml'];
	if (yaml === undefined) {
		issues.push({
			file: 'programme.yaml',
			line: null,
			field: '',
			message: 'missing: every programme folder needs a programme.yaml'
		});
		throw new ProgrammeFormatError(issues, folder);
	}
	// The shared reader expects front matter; programme.yaml is all YAML, so wrap it and shift
	// the lines it reports back by the one fence line added.
	const own: ProgrammeIssue[] = [];
	const fm = readFrontMatter('programme.yaml', `---\n${yaml}\n---\n`, ZProgrammeFile, own);
	issues.push(...own.map((i) => ({ ...i, line: i.line === null ? null : i.line - 1 })));
	if (!fm.ok) throw new ProgrammeFormatError(issues, folder);
	const structure = { kind: fm.data.kind, sessionCount: fm.data.sessionCount ?? null };
	const texts: ParsedProgrammeText[] = [];
	for (const file of Object.keys(files).sort()) {
		if (file === 'programme.yaml') continue;
		if (!file.endsWith('.md') || file === 'README.md') continue;
		const parsed = parseProgrammeText(file, files[file] ?? '', structure, issues);
		if (parsed) texts.push(parsed);
	}
	if (texts.length === 0 && issues.length === 0)
		issues.push({
			file: '',
			line: null,
			field: '',
			message: 'no language file: add at least one <locale>.md, e.g. en.md'
		});
	checkSameKeys(texts, issues);
	if (issues.length > 0) throw new ProgrammeFormatError(issues, folder);
	return {
		slug,
		kind: fm.data.kind,
		sessionCount: structure.sessionCount,
		rhythm: fm.data.rhythm,
		sample: fm.data.sample,
		texts
	};
}

/** Reads and validates a programme folder; throws ProgrammeFormatError listing every problem. */
export async function parseProgramme(folder: string): Promise<ParsedProgramme> {
	const issues: ProgrammeIssue[] = [];
	const files: Record<string, string> = {};
	let entries;
	try {
		entries = await readdir(folder, { withFileTypes: true });
	} catch {
		throw new ProgrammeFormatError(
			[{ file: '', line: null, field: '', message: 'is not a readable folder' }],
			folder
		);
	}
	for (const e of entries) {
		if (e.name.startsWith('.') || !e.isFile()) continue;
		if (e.name !== 'programme.yaml' && !e.name.endsWith('.md')) continue;
		const abs = join(folder, e.name);
		if ((await stat(abs)).size > MAX_CONTENT_FILE_BYTES) {
			issues.push({
				file: e.name,
				line: null,
				field: '',
				message: `files may be at most ${MAX_CONTENT_FILE_BYTES / 1024} KB`
			});
			continue;
		}
		const text = decodeContentFile(await readFile(abs));
		if (text === null)
			issues.push({ file: e.name, line: null, field: '', message: 'is not UTF-8 text' });
		else files[e.name] = text;
	}
	return parseProgrammeFiles(basename(folder.replace(/\/+$/, '')), files, { folder, issues });
}
