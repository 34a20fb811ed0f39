import { describe, expect, it } from 'vitest';
import { locales } from '../i18n/locale';
import { parseCourse } from './parse-course';

// The first three modules of Recovery skills ship in every language Kith speaks.
describe('the shipped Recovery skills course', () => {
	it('has modules 1 to 3 in all six languages, each lesson passing the importer’s checks', async () => {
		const course = await parseCourse('content/courses/recovery-skills');
		const firstThree = course.modules.slice(0, 3);
		for (const mod of firstThree) {
			expect(Object.keys(mod.title).sort(), mod.slug).toEqual([...locales].sort());
			for (const lesson of mod.lessons)
				expect(lesson.files.map((f) => f.locale).sort(), lesson.slug).toEqual([...locales].sort());
		}
	});
});
