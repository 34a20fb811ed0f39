import { z } from 'zod';
import { locales } from '../../paraglide/runtime.js';
import { isTimeZone } from '../i18n/time-zones';
import type { CrisisContact } from '../../types';
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

/** "name | phone | text | website | hours", one contact a line. */
export const zCrisisContacts = z
	.string()
	.max(4000, 'err_too_long')
	.optional()
	.transform((text, ctx): CrisisContact[] => {
		const contacts: CrisisContact[] = [];
		for (const line of (text ?? '').split(/\r?\n/)) {
			if (!line.trim()) continue;
			const [name = '', phone = '', sms = '', url = '', hours = ''] = line
				.split('|')
				.map((p) => p.trim());
			const okUrl = !url || zUrl.safeParse(url).success;
			if (!name || name.length > 120 || (!phone && !sms && !url) || !okUrl || /[<>]/.test(line)) {
				ctx.addIssue({ code: 'custom', message: 'err_crisis_line' });
				return z.NEVER;
			}
			contacts.push({
				name,
				...(phone ? { phone } : {}),
				...(sms ? { text: sms } : {}),
				...(url ? { url } : {}),
				...(hours ? { hours } : {})
			});
		}
		return contacts;
	});

export const crisisContactsToText = (contacts: CrisisContact[]): string =>
	contacts
		.map((c) => [c.name, c.phone ?? '', c.text ?? '', c.url ?? '', c.hours ?? ''].join(' | '))
		.join('\n');

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
	crisisContacts: zCrisisContacts
};

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

export const ZCreateSiteInput = z.object(newSiteFields).refine(...defaultOffered);
export type TCreateSiteInput = z.infer<typeof ZCreateSiteInput>;

export const ZUpdateSiteInput = z
	.object({ ...siteFields, requireStaffSecondFactor: checkbox })
	.refine(...defaultOffered);
export type TUpdateSiteInput = z.infer<typeof ZUpdateSiteInput>;
