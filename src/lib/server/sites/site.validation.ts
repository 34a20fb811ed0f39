import { z } from 'zod';
import { locales } from '../../paraglide/runtime.js';
import { isTimeZone } from '../i18n/time-zones';
import type { CrisisContact, CrisisContactWords } from '../../types';
import { zLine, zWhole } from '../validation';

export const zSlug = z
	.string('err_required')
	.transform((s) => s.trim().toLowerCase())
	.pipe(
		z
			.string()
			.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'err_slug')
			.refine((s) => s.length >= 2, 'err_slug')
	);

// No box ticked sends no field at all: that is "required", not "invalid".
const zLocaleList = z
	.union([z.array(z.string()), z.string()], 'err_required')
	.transform((v) => (Array.isArray(v) ? v : [v]).filter(Boolean))
	.pipe(z.array(z.enum(locales, 'err_locale')).min(1, 'err_required'));

const zUrl = z.url({ protocol: /^https?$/, error: 'err_crisis_line' });

/** "name | phone | text | website | hours | description", one contact a line, in the site's default language. */
export const zCrisisContacts = z
	.string()
	.max(4000, 'err_too_long')
	.optional()
	.transform((text, ctx): CrisisContact[] => {
		const contacts: CrisisContact[] = [];
		for (const line of (text ?? '').split(/\r?\n/)) {
			if (!line.trim()) continue;
			const [name = '', phone = '', sms = '', url = '', hours = '', description = ''] = line
				.split('|')
				.map((p) => p.trim());
			const okUrl = !url || zUrl.safeParse(url).success;
			const okWords = name.length <= 120 && hours.length <= 120 && description.length <= 500;
			if (!name || !okWords || (!phone && !sms && !url) || !okUrl || /[<>]/.test(line)) {
				ctx.addIssue({ code: 'custom', message: 'err_crisis_line' });
				return z.NEVER;
			}
			contacts.push({
				name,
				...(phone ? { phone } : {}),
				...(sms ? { text: sms } : {}),
				...(url ? { url } : {}),
				...(hours ? { hours } : {}),
				...(description ? { description } : {})
			});
		}
		return contacts;
	});

export const crisisContactsToText = (contacts: CrisisContact[]): string =>
	contacts
		.map((c) =>
			[c.name, c.phone ?? '', c.text ?? '', c.url ?? '', c.hours ?? '', c.description ?? '']
				.join(' | ')
				.replace(/( \| )+$/, '')
		)
		.join('\n');

/**
 * The contacts' words in one more language: "name | hours | description", one line per contact in
 * the order of the contacts; an empty line leaves that contact in the default language.
 */
const zCrisisWords = z
	.string()
	.max(4000, 'err_too_long')
	.optional()
	.transform((text, ctx): (CrisisContactWords | null)[] => {
		const lines = (text ?? '').split(/\r?\n/);
		while (lines.length > 0 && !lines.at(-1)?.trim()) lines.pop();
		const words: (CrisisContactWords | null)[] = [];
		for (const line of lines) {
			const [name = '', hours = '', description = ''] = line.split('|').map((p) => p.trim());
			if (!name && !hours && !description) {
				words.push(null);
				continue;
			}
			const fits = name.length <= 120 && hours.length <= 120 && description.length <= 500;
			if (!name || !fits || /[<>]/.test(line)) {
				ctx.addIssue({ code: 'custom', message: 'crisis_err_words_line' });
				return z.NEVER;
			}
			words.push({ name, ...(hours ? { hours } : {}), ...(description ? { description } : {}) });
		}
		return words;
	});

/** The form field holding the crisis contacts' words in a language. */
export const crisisWordsField = (locale: string) => `crisisWords_${locale}`;

const crisisWordsFields = Object.fromEntries(
	locales.map((l) => [crisisWordsField(l), zCrisisWords])
) as Record<`crisisWords_${(typeof locales)[number]}`, typeof zCrisisWords>;

/** The contacts' words in a language as the form shows them, one line per contact. */
export const crisisWordsToText = (contacts: CrisisContact[], locale: string): string =>
	contacts
		.map((c) => {
			const w = c.words?.[locale];
			return w
				? [w.name, w.hours ?? '', w.description ?? ''].join(' | ').replace(/( \| )+$/, '')
				: '';
		})
		.join('\n')
		.replace(/\n+$/, '');

type WithWords = { crisisContacts: CrisisContact[] } & {
	[K in keyof typeof crisisWordsFields]?: (CrisisContactWords | null)[];
};

/**
 * Puts each language's words on the contacts they belong to, by order; a language with more
 * lines than there are contacts is refused next to its field.
 */
function gatherCrisisWords<T extends WithWords>(
	v: T,
	ctx: z.RefinementCtx
): Omit<T, keyof typeof crisisWordsFields> {
	const rest = Object.fromEntries(
		Object.entries(v).filter(([k]) => !k.startsWith('crisisWords_'))
	) as Omit<T, keyof typeof crisisWordsFields>;
	const contacts = v.crisisContacts.map((c): CrisisContact => ({ ...c }));
	for (const locale of locales) {
		const field = crisisWordsField(locale) as keyof typeof crisisWordsFields;
		const lines = v[field] ?? [];
		if (lines.length > contacts.length) {
			ctx.addIssue({ code: 'custom', message: 'crisis_err_words_extra', path: [field] });
			continue;
		}
		lines.forEach((words, i) => {
			const contact = contacts[i];
			if (words && contact) contact.words = { ...contact.words, [locale]: words };
		});
	}
	return { ...rest, crisisContacts: contacts };
}

const checkbox = z
	.union([z.string(), z.boolean()])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true');

/** Months a 1:1 peer companionship lasts once accepted; 6 in PEER. Left empty, 6. */
const zCompanionshipMonths = zWhole('companion_err_months', { min: 1, max: 24, fallback: 6 });

const siteFields = {
	name: zLine(120),
	defaultLocale: z.enum(locales, 'err_locale'),
	locales: zLocaleList,
	timeZone: z
		.string('err_required')
		.transform((s) => s.trim())
		.refine(isTimeZone, 'err_time_zone'),
	selfRegistration: checkbox,
	allowRemoteContent: checkbox,
	companionshipMonths: zCompanionshipMonths,
	crisisContacts: zCrisisContacts,
	...crisisWordsFields
};

export { gatherCrisisWords };

/** The default language must be one the site offers. */
export const defaultOffered: [
	(v: { defaultLocale: string; locales: string[] }) => boolean,
	{ message: string; path: string[] }
] = [
	(v) => v.locales.includes(v.defaultLocale),
	{ message: 'err_locale_not_offered', path: ['defaultLocale'] }
];

/** A new site's fields, for schemas that add to them (the site with its first admin). */
export const newSiteFields = {
	slug: zSlug,
	...siteFields,
	requireStaffSecondFactor: checkbox.default(true),
	isDemo: checkbox
};

export const ZCreateSiteInput = z
	.object(newSiteFields)
	.refine(...defaultOffered)
	.transform(gatherCrisisWords);
export type TCreateSiteInput = z.infer<typeof ZCreateSiteInput>;

export const ZUpdateSiteInput = z
	.object({ ...siteFields, requireStaffSecondFactor: checkbox })
	.refine(...defaultOffered)
	.transform(gatherCrisisWords);
export type TUpdateSiteInput = z.infer<typeof ZUpdateSiteInput>;
