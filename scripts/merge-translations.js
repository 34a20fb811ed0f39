// Merges translated catalogues (flat key → text JSON files) into messages/<locale>.json:
// `node scripts/merge-translations.js <locale> <file>`. Only keys English has are taken.
import { readFileSync, writeFileSync } from 'node:fs';

const [locale, file] = process.argv.slice(2);
const en = JSON.parse(readFileSync('messages/en.json', 'utf8'));
const target = `messages/${locale}.json`;
const cat = JSON.parse(readFileSync(target, 'utf8'));
const incoming = JSON.parse(readFileSync(file, 'utf8'));
let n = 0;
for (const [k, v] of Object.entries(incoming)) {
	if (k in en && k !== '$schema' && typeof v === 'string' && v.trim()) {
		cat[k] = v;
		n++;
	}
}
writeFileSync(target, JSON.stringify(cat, null, '\t') + '\n');
console.log(`${locale}: merged ${n} translations`);
