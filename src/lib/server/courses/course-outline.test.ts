import { describe, expect, it } from 'vitest';
import { segmentsOf } from './course-outline';

describe('lesson addresses', () => {
	it('use the lesson slug, and <module>--<lesson> only where two modules share a slug', () => {
		expect(
			segmentsOf([
				{ moduleSlug: 'one', slug: 'intro' },
				{ moduleSlug: 'one', slug: 'goals' },
				{ moduleSlug: 'two', slug: 'intro' }
			])
		).toEqual(['one--intro', 'goals', 'two--intro']);
	});
});
