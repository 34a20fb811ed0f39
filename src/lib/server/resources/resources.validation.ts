// What the directory's forms and CSV rows may hold; app-wide shapes come from ../validation.
import { z } from 'zod';
import { zId, zLine, zOptionalLine, zOptionalText, zWhole } from '../validation';
import {
	companyPreferences,
	costLimits,
	interestCategories,
	modePreferences,
	resourceCosts,
	resourceKinds,
	resourceScopes,
	timePreferences,
	travelModes
} from './resources.schema';

export const NAME_MAX = 120;
export const LINE_MAX = 200;
export const DESCRIPTION_MAX = 2000;

/** A form's checkbox list: one value, several, or none. */
const zList = z.preprocess(
	(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
	z.array(z.string().max(100, 'err_invalid')).max(50, 'err_invalid')
);
/** A ticked checkbox. */
export const zTick = z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean());

export const zCategories = zList.pipe(z.array(z.enum(interestCategories, 'res_err_category')));

/** Language codes: two or three letters, lower-case, separated by commas or spaces. */
export const zLanguages = z.preprocess(
	(v) => (Array.isArray(v) ? v.join(' ') : v),
	z
		.string('res_err_languages')
		.max(200, 'res_err_languages')
		.transform((s) =>
			s
				.toLowerCase()
				.split(/[\s,;]+/)
				.filter(Boolean)
		)
		.pipe(
			z.array(z.string().regex(/^[a-z]{2,3}$/, 'res_err_languages')).max(20, 'res_err_languages')
		)
);

/** A latitude or longitude as typed, checked to lie on Earth. */
const coordinate = (limit: number) =>
	z
		.string()
		.trim()
		.regex(/^[+-]?\d{1,3}(\.\d{1,8})?$/, 'res_err_coordinates')
		.refine((s) => Math.abs(Number(s)) <= limit, 'res_err_coordinates');
export const zLatitude = coordinate(90);
export const zLongitude = coordinate(180);
const optional = <T extends z.ZodType>(s: T) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), s.optional());
export const zOptionalLatitude = optional(zLatitude);
export const zOptionalLongitude = optional(zLongitude);

/** A postcode as typed: letters, digits and spaces; compared upper-case without spaces. */
export const normalPostcode = (s: string): string => s.toUpperCase().replace(/\s+/g, '');
export const zPostcode = z
	.string()
	.trim()
	.max(12, 'res_err_postcode')
	.regex(/^[A-Za-z0-9 -]*$/, 'res_err_postcode');

/** One entry of the directory, as the edit form (and, after conversion, a CSV row) sends it. */
export const ZResourceFields = z
	.object({
		name: zLine(NAME_MAX),
		kind: z.enum(resourceKinds, 'res_err_kind'),
		categories: zCategories.refine((c) => c.length > 0, 'res_err_category_required'),
		description_en: zOptionalText(DESCRIPTION_MAX),
		description_th: zOptionalText(DESCRIPTION_MAX),
		description_da: zOptionalText(DESCRIPTION_MAX),
		description_de: zOptionalText(DESCRIPTION_MAX),
		description_sw: zOptionalText(DESCRIPTION_MAX),
		description_he: zOptionalText(DESCRIPTION_MAX),
		address: zOptionalLine(LINE_MAX),
		area: zOptionalLine(NAME_MAX),
		lat: zOptionalLatitude,
		lon: zOptionalLongitude,
		openingTimes: zOptionalLine(LINE_MAX),
		cost: z.enum(resourceCosts, 'res_err_cost'),
		stepFree: zTick,
		wheelchair: zTick,
		hearingLoop: zTick,
		transport: zOptionalLine(LINE_MAX),
		languages: zLanguages,
		contact: zOptionalLine(LINE_MAX),
		website: z.preprocess(
			(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
			z
				.url({ protocol: /^https?$/, error: 'res_err_website' })
				.max(LINE_MAX, 'res_err_website')
				.optional()
		),
		scope: z.enum(resourceScopes, 'res_err_scope'),
		lastCheckedOn: z.iso.date('err_date')
	})
	.superRefine((r, ctx) => {
		if ((r.lat === undefined) !== (r.lon === undefined))
			ctx.addIssue({
				code: 'custom',
				path: [r.lat === undefined ? 'lat' : 'lon'],
				message: 'res_err_coordinates_pair'
			});
	});
export type TResourceFields = z.output<typeof ZResourceFields>;

export const descriptionLocales = ['en', 'th', 'da', 'de', 'sw', 'he'] as const;

export const ZSaveAreaInput = z.object({
	name: zLine(NAME_MAX),
	lat: zLatitude,
	lon: zLongitude,
	postcodes: z.preprocess(
		(v) => (Array.isArray(v) ? v.join(',') : v),
		z
			.string('res_err_postcode')
			.max(2000, 'res_err_postcode')
			.transform((s) =>
				s
					.split(/[,;\n]+/)
					.map(normalPostcode)
					.filter(Boolean)
			)
			.pipe(
				z
					.array(z.string().regex(/^[A-Z0-9-]{1,12}$/, 'res_err_postcode'))
					.max(200, 'res_err_postcode')
			)
	)
});

export const ZResourceSettingsInput = z.object({
	staleAfterMonths: zWhole('res_err_months', { min: 1, max: 120 }),
	followUpDays: zWhole('res_err_days', { min: 1, max: 90 })
});

export const ZInterestsInput = z.object({
	categories: zCategories,
	maxCost: z.enum(costLimits, 'err_invalid'),
	stepFree: zTick,
	wheelchair: zTick,
	hearingLoop: zTick,
	travel: z.enum(travelModes, 'err_invalid'),
	maxDistanceKm: zWhole('res_err_distance', { min: 1, max: 500 }),
	language: z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z
			.string()
			.trim()
			.toLowerCase()
			.regex(/^[a-z]{2,3}$/, 'res_err_languages')
			.optional()
	),
	times: z.enum(timePreferences, 'err_invalid'),
	mode: z.enum(modePreferences, 'err_invalid'),
	company: z.enum(companyPreferences, 'err_invalid'),
	/** Where they are: an area of the site's list (id), a postcode, or coordinates; all optional. */
	areaId: z.preprocess((v) => (v === '' ? undefined : v), zId.optional()),
	postcode: z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		zPostcode.optional()
	),
	lat: zOptionalLatitude,
	lon: zOptionalLongitude
});
export type TInterestsInput = z.output<typeof ZInterestsInput>;
