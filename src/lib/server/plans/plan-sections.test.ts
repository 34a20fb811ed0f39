import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planKinds, planSections } from './plan-sections';

describe('plan sections', () => {
	it('have a title and a hint in all six languages', () => {
		for (const lang of ['en', 'th', 'da', 'de', 'sw', 'he']) {
			const catalogue = JSON.parse(
				readFileSync(new URL(`../../../../messages/${lang}.json`, import.meta.url), 'utf8')
			) as Record<string, string>;
			for (const kind of planKinds)
				for (const key of planSections[kind])
					for (const part of ['title', 'hint'])
						expect(
							catalogue[`plan_${kind}_${key}_${part}`],
							`${lang} ${kind} ${key} ${part}`
						).toMatch(/\S/);
		}
	});
});
