// Adds or updates English messages: `node scripts/add-messages.js new.json`. Keys new to the other
// catalogues get the English text for now; the translation pass replaces them.
import { readFileSync, writeFileSync } from 'node:fs';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
const incoming = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const locale of settings.locales) {
	const file = `messages/${locale}.json`;
	const cat = JSON.parse(readFileSync(file, 'utf8'));
	for (const [k, v] of Object.entries(incoming)) {
		if (locale === settings.baseLocale || !(k in cat)) cat[k] = v;
	}
	writeFileSync(file, JSON.stringify(cat, null, '\t') + '\n');
}
console.log(`added ${Object.keys(incoming).length} keys`);
