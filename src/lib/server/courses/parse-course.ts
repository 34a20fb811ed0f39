// Reads a course folder from disk: only the files the format allows, each size-checked and
// decoded, then handed to parseCourseFiles.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeContentFile, MAX_CONTENT_FILE_BYTES } from '../content/front-matter';
import { CourseFormatError, type CourseIssue, type ParsedCourse } from './course-format';
import { parseCourseFiles } from './parse-course-files';

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
		if (info.size > MAX_CONTENT_FILE_BYTES) {
			issues.push({
				file: rel,
				line: null,
				field: '',
				message: `is ${Math.ceil(info.size / 1024)} KB; files may be at most ${MAX_CONTENT_FILE_BYTES / 1024} KB`
			});
			return;
		}
		const text = decodeContentFile(await readFile(abs));
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
