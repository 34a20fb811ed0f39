// The front-matter reader course and programme files share: `---` YAML front matter validated
// with a Zod schema, every problem reported with the file, line and field it sits on.
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

/** Larger files are refused before they are read. */
export const MAX_CONTENT_FILE_BYTES = 200 * 1024;

export type ContentIssue = {
	/** Path inside the content folder, e.g. `lessons/intro/welcome.en.md`. */
	file: string;
	line: number | null;
	/** Dotted path of the field, e.g. `checks[0].options`; empty for the file as a whole. */
	field: string;
	message: string;
};

export function formatIssue(i: ContentIssue, folder?: string): string {
	const where = [folder?.replace(/\/$/, ''), i.file].filter(Boolean).join('/');
	return `${where}${i.line ? ` line ${i.line}` : ''}: ${i.field ? `${i.field}: ` : ''}${i.message}`;
}

/** The slug of a course, module, lesson or programme: lower-case words joined by single hyphens. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
	issues: ContentIssue[]
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

/** Text of a file: UTF-8, line ends normalised, no byte-order mark. */
export function decodeContentFile(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
			.decode(bytes)
			.replace(/\r\n?/g, '\n');
	} catch {
		return null;
	}
}
