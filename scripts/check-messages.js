// Every message key of the English catalogue exists in every shipped language, no catalogue has
// keys English lacks, and no text is left in English by mistake: a text identical to English must
// be listed in scripts/same-as-english.json (words the language shares, such as "Status").
// A message with plural forms is an array of variants (inlang message format): it counts as
// present when each variant has text, and its placeholders are its declared inputs.
// Run by `npm test`.
import { readFileSync } from 'node:fs';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
const load = (l) => JSON.parse(readFileSync(`messages/${l}.json`, 'utf8'));
const en = load(settings.baseLocale);
const keys = Object.keys(en).filter((k) => !k.startsWith('$'));
const sameAsEnglish = JSON.parse(readFileSync('scripts/same-as-english.json', 'utf8'));
let problems = 0;
for (const locale of settings.locales) {
	const cat = load(locale);
	const missing = keys.filter((k) => !hasText(cat[k]));
	const extra = Object.keys(cat).filter((k) => !k.startsWith('$') && !(k in en));
	const params = keys.filter((k) => hasText(cat[k]) && paramsOf(en[k]) !== paramsOf(cat[k]));
	const allowed = new Set([...(sameAsEnglish['*'] ?? []), ...(sameAsEnglish[locale] ?? [])]);
	const untranslated =
		locale === settings.baseLocale
			? []
			: keys.filter((k) => JSON.stringify(cat[k]) === JSON.stringify(en[k]) && !allowed.has(k));
	for (const [what, list] of [
		['still in English (translate, or list in scripts/same-as-english.json)', untranslated],
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
function hasText(v) {
	if (typeof v === 'string') return v.trim() !== '';
	return (
		Array.isArray(v) &&
		v.length > 0 &&
		v.every((x) => Object.values(x?.match ?? {}).length > 0) &&
		v.every((x) => Object.values(x.match).every((t) => typeof t === 'string' && t.trim() !== ''))
	);
}
function paramsOf(s) {
	if (Array.isArray(s))
		return [
			...new Set(
				s.flatMap((x) =>
					(x.declarations ?? []).flatMap((d) => /^input (\w+)$/.exec(d)?.slice(1) ?? [])
				)
			)
		]
			.sort()
			.join(',');
	return [...String(s).matchAll(/\{(\w+)\}/g)]
		.map((m) => m[1])
		.sort()
		.join(',');
}
if (problems) process.exit(1);
console.log(`messages: ${keys.length} keys in ${settings.locales.length} languages`);
