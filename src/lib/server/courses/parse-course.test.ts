import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editFixture, fixtureFiles, fixtureFolder } from './fixtures/fixture-files';
import { CourseFormatError, type CourseIssue } from './course-format';
import { parseCourse } from './parse-course';
import { parseCourseFiles } from './parse-course-files';

const SMALL_WINS = 'lessons/noticing/small-wins.en.md';

/** The issues parsing `files` reports (the test fails if it parses). */
function issuesOf(files: Record<string, string>): CourseIssue[] {
	try {
		parseCourseFiles(files);
	} catch (e) {
		if (e instanceof CourseFormatError) return e.issues;
		throw e;
	}
	throw new Error('expected the course to be refused');
}

const edit = (file: string, from: string | RegExp, to: string) => editFixture(file, from, to);

describe('parseCourse', () => {
	it('reads the fixture course into modules, lessons and languages in order', async () => {
		const course = await parseCourse(fixtureFolder);
		expect(course).toMatchObject({
			slug: 'steady-steps',
			category: 'skills',
			sample: true,
			title: { en: 'Steady steps', he: 'צעדים יציבים' },
			summary: { en: "A tiny course used by Kith's own tests." }
		});
		expect(course.modules.map((m) => [m.slug, m.lessons.map((l) => l.slug)])).toEqual([
			['noticing', ['small-wins', 'a-calm-minute']],
			['asking-for-help', ['who-can-help']]
		]);
		const smallWins = course.modules[0]?.lessons[0];
		expect(smallWins?.files.map((f) => f.locale)).toEqual(['en', 'he']);
		expect(smallWins?.files[0]).toMatchObject({
			file: SMALL_WINS,
			title: 'Small wins',
			minutes: 5,
			checks: [
				{
					key: 'what-counts',
					options: [
						{ text: 'Only big changes count.', correct: false },
						{ text: 'Making a cup of tea on a hard morning.', correct: true }
					]
				}
			],
			reflections: [{ key: 'last-small-win', prompt: 'What was one small win this week?' }],
			assignment: 'Each evening, note one small win from the day.',
			audio: { src: '/audio/small-wins.mp3', transcript: 'A short spoken version of this lesson.' }
		});
		expect(smallWins?.files[0]?.body).toContain('## Why small wins matter');
	});

	it('names file, line and field when a check has two correct options', () => {
		const files = edit(
			SMALL_WINS,
			'- text: Only big changes count.',
			'- text: Only big changes count.\n        correct: true'
		);
		let message = '';
		try {
			parseCourseFiles(files);
		} catch (e) {
			message = e instanceof Error ? e.message : '';
		}
		expect(message).toContain(
			`${SMALL_WINS} line 7: checks[0].options: exactly one option must be correct`
		);
	});

	it('refuses an unknown category on its line', () => {
		expect(issuesOf(edit('course.md', 'category: skills', 'category: astrology'))).toEqual([
			expect.objectContaining({
				file: 'course.md',
				line: 4,
				field: 'category',
				message: expect.stringContaining('unknown category "astrology"')
			})
		]);
	});

	it('refuses bad slugs', () => {
		const issues = issuesOf(edit('course.md', 'slug: asking-for-help', 'slug: Asking For Help'));
		expect(issues).toContainEqual(
			expect.objectContaining({ file: 'course.md', line: 17, field: 'modules[1].slug' })
		);
	});

	it('refuses a listed lesson without a file, and a file nobody lists', () => {
		const files = edit('course.md', '[who-can-help]', '[who-can-help, missing-lesson]');
		files['lessons/noticing/stray.en.md'] = files[SMALL_WINS] ?? '';
		const issues = issuesOf(files);
		expect(issues).toContainEqual(
			expect.objectContaining({
				file: 'course.md',
				line: 20,
				field: 'modules[1].lessons[1]',
				message: 'no lesson file lessons/asking-for-help/missing-lesson.<language>.md'
			})
		);
		expect(issues).toContainEqual(
			expect.objectContaining({
				file: 'lessons/noticing/stray.en.md',
				message: expect.stringContaining('not listed')
			})
		);
	});

	it('refuses duplicate YAML keys and duplicate check keys', () => {
		expect(issuesOf(edit(SMALL_WINS, 'minutes: 5', 'minutes: 5\nminutes: 6'))).toEqual([
			expect.objectContaining({ file: SMALL_WINS, line: 4, field: 'minutes' })
		]);
		const twice = edit(
			'lessons/noticing/a-calm-minute.en.md',
			'    prompt: How did the calm minute feel?',
			'    prompt: How did the calm minute feel?\n  - key: how-it-felt\n    prompt: Again?'
		);
		expect(issuesOf(twice)).toEqual([
			expect.objectContaining({
				line: 6,
				field: 'reflections[1].key',
				message: 'key "how-it-felt" is used twice'
			})
		]);
	});

	it('refuses unknown fields, missing front matter and broken YAML', () => {
		expect(issuesOf(edit(SMALL_WINS, 'assignment:', 'assigment:'))).toEqual([
			expect.objectContaining({
				line: 15,
				field: 'assigment',
				message: expect.stringContaining('unknown field')
			})
		]);
		expect(issuesOf(edit(SMALL_WINS, /^---\n/, ''))).toEqual([
			expect.objectContaining({
				file: SMALL_WINS,
				line: 1,
				message: expect.stringContaining('"---"')
			})
		]);
		expect(issuesOf(edit(SMALL_WINS, 'title: Small wins', 'title: [Small wins'))[0]).toMatchObject({
			file: SMALL_WINS,
			message: expect.stringContaining('not valid YAML')
		});
	});

	it('refuses a language Kith does not know and keys that differ between languages', () => {
		const files = fixtureFiles();
		files['lessons/noticing/small-wins.xx.md'] = files[SMALL_WINS] ?? '';
		expect(issuesOf(files)).toEqual([
			expect.objectContaining({
				file: 'lessons/noticing/small-wins.xx.md',
				message: expect.stringContaining('unknown language "xx"')
			})
		]);
		const differ = edit(
			'lessons/noticing/small-wins.he.md',
			'key: last-small-win',
			'key: another-key'
		);
		expect(issuesOf(differ)).toEqual([
			expect.objectContaining({
				file: 'lessons/noticing/small-wins.he.md',
				line: 12,
				field: 'reflections'
			})
		]);
	});

	it('refuses files over 200 KB before reading them', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kith-course-'));
		try {
			cpSync(fixtureFolder, dir, { recursive: true });
			writeFileSync(
				join(dir, 'lessons/asking-for-help/who-can-help.en.md'),
				'x'.repeat(201 * 1024)
			);
			await expect(parseCourse(dir)).rejects.toMatchObject({
				issues: [
					expect.objectContaining({
						file: 'lessons/asking-for-help/who-can-help.en.md',
						message: expect.stringContaining('at most 200 KB')
					})
				]
			});
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
