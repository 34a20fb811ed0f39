// Pure text screening for peer spaces (board posts, live-room messages): contact details that
// would take members off the moderated platform, and phrases that suggest a risk of harm. No
// database here; screen-post.ts applies the site's settings and lists.

/** The kinds of contact detail a text can carry. */
export type ContactKind = 'phone' | 'email' | 'social';

/** Digits of other scripts people type (Thai, Arabic-Indic, Devanagari …) read as 0–9. */
const digitZeros = [0x0e50, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0ae6, 0x0be6, 0x0c66, 0x0ce6, 0x0d66];
function asciiDigits(s: string): string {
	return s.replace(/\p{Nd}/gu, (ch) => {
		const cp = ch.codePointAt(0) ?? 0;
		const zero = digitZeros.find((z) => cp >= z && cp <= z + 9);
		return zero === undefined ? ch : String(cp - zero);
	});
}

/** Invisible characters that can split a word or number without showing. */
const invisible = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/g;

const prepare = (text: string): string =>
	asciiDigits(text.normalize('NFKC').replace(invisible, ''));

// A run of digits with the separators people put in phone numbers: spaces, dashes, dots,
// slashes and parentheses, optionally led by + (or "00"). Checked afterwards by looksLikePhone.
const phoneCandidate = /(?<![\p{L}\p{N}])\+?[ (]*\d[\d \u00A0().\-/]*\d\)?(?![\p{L}\p{N}])/gu;

const isYear = (g: string) => /^(19|20)\d\d$/.test(g);

function looksLikePhone(raw: string): boolean {
	const s = raw.trim();
	const digits = s.replace(/\D/g, '');
	if (digits.length < 7 || digits.length > 15) return false;
	// More than three separator characters in a row is a list of numbers, not one number.
	if (/[^\d+]{4,}/.test(s)) return false;
	const groups = s.split(/[^\d]+/).filter(Boolean);
	// Dates: 2026-03-14, 14.03.2026, 14/03/26 (a time has a colon, so never gets here).
	if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(s)) return false;
	// A decimal number: 3.14159265.
	if (/^(0|[1-9]\d*)\.\d+$/.test(s)) return false;
	// Thousands written with spaces or dots: 1 250 000, 2.500.000 (phone numbers start with 0 or +).
	if (/^[1-9]\d{0,2}([ .\u00A0]\d{3})+$/.test(s)) return false;
	// Years and year ranges: 2019-2024, 1990 2000 2010.
	if (groups.every(isYear)) return false;
	return true;
}

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
/** "name (at) mail (dot) com", "name at gmail dot com". */
const spelledEmail =
	/[\p{L}\p{N}._+-]+\s*(?:\(at\)|\[at\]|\{at\}|\sat\s)\s*[\p{L}\p{N}-]+\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s|\.)\s*(?:com|net|org|dk|de|th|il|ke|tz|ug|co|io|me|info)(?![\p{L}\p{N}])/iu;

/** Sites and messaging services whose links or ids move a conversation off Kith. */
const socialDomains = [
	'wa\\.me',
	'whatsapp\\.com',
	't\\.me',
	'telegram\\.me',
	'telegram\\.org',
	'instagram\\.com',
	'instagr\\.am',
	'facebook\\.com',
	'fb\\.com',
	'fb\\.me',
	'm\\.me',
	'messenger\\.com',
	'tiktok\\.com',
	'snapchat\\.com',
	'snap\\.com',
	'signal\\.me',
	'signal\\.group',
	'discord\\.gg',
	'discord\\.com',
	'discordapp\\.com',
	'twitter\\.com',
	'x\\.com',
	'line\\.me',
	'linkedin\\.com',
	'kik\\.me',
	'threads\\.net',
	'bsky\\.app',
	'reddit\\.com/u(?:ser)?/',
	'youtube\\.com/@'
];
const socialLink = new RegExp(
	`(?<![\\p{L}\\p{N}-])(?:https?://)?(?:[\\p{L}\\p{N}-]+\\.)*(?:${socialDomains.join('|')})(?![\\p{L}\\p{N}-])`,
	'iu'
);
/** @name — not the middle of an email address, and starting with a letter (so "@5pm" is not one). */
const atHandle = /(?<![\p{L}\p{N}._%+-])@[\p{L}_][\p{L}\p{N}_.]{1,29}(?![\p{L}\p{N}_@])/u;
/** "snap: name", "insta = name", "discord id: name", name#1234. */
const namedHandle =
	/(?<![\p{L}\p{N}])(?:snap(?:chat)?|insta(?:gram)?|ig|telegram|tg|whats ?app|signal|discord|tiktok|facebook|fb|line(?: id)?|kik|wechat|skype)\s*(?:id|name|handle|user(?:name)?)?\s*[:=]\s*@?[\p{L}\p{N}_.]{2,}/iu;
const discordTag = /(?<![\p{L}\p{N}])[\p{L}\p{N}_.]{2,32}#\d{4}(?![\p{L}\p{N}])/u;

/**
 * The kinds of contact detail in a text: phone numbers (local and international, with spaces,
 * dashes, dots or parentheses — not dates, times, years, amounts or short numbers), email
 * addresses (also spelled out with "at"/"dot"), and social handles (@name, links to social and
 * messaging services, "snap: name"). Empty when there are none.
 */
export function findContactDetails(text: string): ContactKind[] {
	const s = prepare(text);
	const found = new Set<ContactKind>();
	for (const m of s.matchAll(phoneCandidate))
		if (looksLikePhone(m[0])) {
			found.add('phone');
			break;
		}
	if (emailPattern.test(s) || spelledEmail.test(s)) found.add('email');
	const withoutEmails = s.replace(new RegExp(emailPattern.source, 'gu'), ' ');
	if (
		socialLink.test(s) ||
		atHandle.test(withoutEmails) ||
		namedHandle.test(s) ||
		discordTag.test(s)
	)
		found.add('social');
	return (['phone', 'email', 'social'] as const).filter((k) => found.has(k));
}

/** Languages written without spaces between words: a phrase matches however the text is spaced. */
const unspaced = new Set(['th', 'lo', 'km', 'my', 'zh', 'ja']);
/** Hebrew attaches prefixes (ו, ה, ש, ב, ל, מ, כ) to words: a phrase may start inside a word. */
const prefixing = new Set(['he', 'ar']);
/** German and Danish build compounds (Suizidgedanken, selvmordstanker): a phrase may end inside one. */
const compounding = new Set(['de', 'da', 'nl', 'sv', 'nb', 'fi']);

/** Text and phrases in one comparable form: NFKC, lower case, no marks of Hebrew pointing,
 * apostrophes dropped, punctuation and runs of white space as one space. */
export function normaliseForMatch(text: string, locale: string): string {
	let s = prepare(text)
		.toLocaleLowerCase(locale)
		.replace(/[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/g, '')
		.replace(/['’‘`´ʼ]/g, '')
		.replace(/[\s\p{P}\p{S}]+/gu, ' ')
		.trim();
	if (unspaced.has(locale.slice(0, 2))) s = s.replace(/ /g, '');
	return s;
}

const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}\p{M}]/u.test(ch);

/**
 * The phrases of one language's list that occur in a text: case-insensitive, Unicode-normalised,
 * tolerant of spacing and punctuation. In space-separated languages a phrase must start and end
 * on word boundaries (so "skill myself" is not "kill myself"); Thai ignores spacing altogether;
 * Hebrew lets a phrase start after a prefix letter.
 */
export function findRiskPhrases(
	text: string,
	phrases: readonly string[],
	locale: string
): string[] {
	const lang = locale.slice(0, 2);
	const haystack = normaliseForMatch(text, lang);
	const matched: string[] = [];
	for (const phrase of phrases) {
		const needle = normaliseForMatch(phrase, lang);
		if (!needle) continue;
		if (unspaced.has(lang)) {
			if (haystack.includes(needle)) matched.push(phrase);
			continue;
		}
		let at = haystack.indexOf(needle);
		while (at >= 0) {
			const before = haystack[at - 1];
			const after = haystack[at + needle.length];
			const startOk = prefixing.has(lang) || !isWordChar(before);
			const endOk = compounding.has(lang) || !isWordChar(after);
			if (startOk && endOk) {
				matched.push(phrase);
				break;
			}
			at = haystack.indexOf(needle, at + 1);
		}
	}
	return matched;
}
