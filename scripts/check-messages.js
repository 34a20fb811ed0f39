// Every message key of the English catalogue exists in every shipped language, and no catalogue
// has keys English lacks. Run by `npm test`.
import { readFileSync } from 'node:fs';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
const load = (l) => JSON.parse(readFileSync(`messages/${l}.json`, 'utf8'));
const en = load(settings.baseLocale);
const keys = Object.keys(en).filter((k) => !k.startsWith('$'));
let problems = 0;
for (const locale of settings.locales) {
	const cat = load(locale);
	const missing = keys.filter((k) => typeof cat[k] !== 'string' || cat[k].trim() === '');
	const extra = Object.keys(cat).filter((k) => !k.startsWith('$') && !(k in en));
	const params = keys.filter(
		(k) => typeof cat[k] === 'string' && paramsOf(en[k]) !== paramsOf(cat[k])
	);
	for (const [what, list] of [
		['missing', missing],
		['not in English', extra],
		['with other {placeholders} than English', params]
	]) {
		if (list.length) {
			problems += list.length;
			console.error(
				`${locale}: ${list.length} keys ${what}: ${list.slice(0, 8).join(', ')}${list.length > 8 ? ', …' : ''}`
			);
		}
	}
}
function paramsOf(s) {
	return [...String(s).matchAll(/\{(\w+)\}/g)]
		.map((m) => m[1])
		.sort()
		.join(',');
}
if (problems) process.exit(1);
console.log(`messages: ${keys.length} keys in ${settings.locales.length} languages`);
