import { z } from 'zod';

// Kith's own scoring specification: what FHIR's Questionnaire does not say (how answers become a
// score, which bands it falls in, which answers call for help). An item is named by its linkId,
// or by `#n`, the n-th answerable item of the questionnaire in order, so a shipped specification
// fits the licensed wording a site imports whatever linkIds its publisher chose.

export const languages = ['en', 'th', 'da', 'de', 'sw', 'he'] as const;
export type Language = (typeof languages)[number];

/** A text in several languages; English is always there, the others when written. */
export const ZLabels = z.object({
	en: z.string().min(1),
	th: z.string().min(1).optional(),
	da: z.string().min(1).optional(),
	de: z.string().min(1).optional(),
	sw: z.string().min(1).optional(),
	he: z.string().min(1).optional()
});
export type { Labels, ResolvedSpec } from './outcomes.schema';

const ZItemRef = z.string().regex(/^(#[1-9][0-9]*|[A-Za-z0-9._-]+)$/);

export const ZScoringSpec = z.object({
	/** Which instrument this scores, e.g. "phq-9"; an imported file's name or url is matched to it. */
	key: z.string().regex(/^[a-z0-9-]+$/),
	/** The items that count; "all" is every answerable item with a score value. */
	items: z.union([z.literal('all'), z.array(ZItemRef).min(1)]),
	method: z.enum(['sum', 'mean']),
	/** Reverse-scored items: a value v counts as itemMin + itemMax - v. */
	reverse: z.array(ZItemRef).default([]),
	itemMin: z.number().optional(),
	itemMax: z.number().optional(),
	/** Fewest answered items for a score at all; missing = every item must be answered. */
	minAnswered: z.number().int().positive().optional(),
	/** A sum over fewer answers than items is scaled up to the full count (mean × items), rounded. */
	prorate: z.boolean().default(false),
	subscales: z
		.array(
			z.object({
				key: z.string().regex(/^[a-z0-9-]+$/),
				label: ZLabels,
				items: z.array(ZItemRef).min(1),
				method: z.enum(['sum', 'mean'])
			})
		)
		.default([]),
	/** Raw total → reported score (e.g. SWEMWBS raw sum → metric score). */
	conversion: z.array(z.tuple([z.number(), z.number()])).optional(),
	/** Bands by their lowest score, ascending; a score is in the last band whose `from` it reaches. */
	bands: z.array(z.object({ from: z.number(), key: z.string(), label: ZLabels })).default([]),
	/** An answer at or above `atLeast` on `item` calls for help at once. */
	alerts: z
		.array(z.object({ item: ZItemRef, atLeast: z.number(), level: z.literal('urgent') }))
		.default([]),
	/** Whether a higher score means doing better (recovery, wellbeing) or worse (symptoms). */
	higherIsBetter: z.boolean(),
	range: z.object({ min: z.number(), max: z.number() })
});
export type ScoringSpec = z.infer<typeof ZScoringSpec>;
export type ScoringSpecInput = z.input<typeof ZScoringSpec>;
