import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * A copy of a shipped programme folder with its structure and English text only, for tests
 * about versions and drafts that must not depend on which languages ship.
 */
export function englishOnly(folder: string): string {
	const target = join(mkdtempSync(join(tmpdir(), 'kith-programme-')), basename(folder));
	mkdirSync(target);
	for (const file of ['programme.yaml', 'en.md'])
		copyFileSync(join(folder, file), join(target, file));
	return target;
}
