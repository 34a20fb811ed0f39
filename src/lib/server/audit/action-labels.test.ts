import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActions } from './actions';
import { auditActionLabel, auditEntityLabel, auditEntityTypes } from './action-labels';

const languages = ['en', 'th', 'da', 'de', 'sw', 'he'] as const;
const catalogue = (l: string): Record<string, unknown> =>
	JSON.parse(readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, unknown>;

describe('audit actions in plain words', () => {
	const catalogues = languages.map((l) => [l, catalogue(l)] as const);

	it.each(auditActions)('%s has a label in every language', (action) => {
		const key = auditActionLabel(action);
		expect(key).not.toBeNull();
		for (const [language, messages] of catalogues) {
			const label = messages[key ?? ''];
			expect(typeof label === 'string' && label.trim() !== '', `${language}: ${key}`).toBe(true);
		}
	});

	it('gives two actions never the same key', () => {
		const keys = auditActions.map(auditActionLabel);
		expect(new Set(keys).size).toBe(auditActions.length);
	});

	it('leaves a name it does not know to its code', () => {
		expect(auditActionLabel('legacy.thing')).toBeNull();
		expect(auditActionLabel('goal.create.extra')).toBeNull();
		expect(auditEntityLabel('spaceship')).toBeNull();
	});

	it('names the kinds of record in every language', () => {
		for (const type of auditEntityTypes) {
			const key = auditEntityLabel(type);
			for (const [, messages] of catalogues) expect(messages[key ?? '']).toBeTruthy();
		}
	});
});
