// The sections of each kind of plan, in the order they are shown and printed. The wording of
// each section's title and hint is Kith's own (message keys `plan_<kind>_<section>_…`): the
// safety plan follows the usual six steps and adds reasons for living; the recovery plan follows
// the shape of a wellness and recovery action plan, in plain words.
import { z } from 'zod';
import { zOptionalText } from '../validation';
import type { MessageKey } from '../errors';
import { t } from '../i18n/messages';

export const planKinds = ['safety', 'recovery'] as const;
export type PlanKind = (typeof planKinds)[number];

export const planSections = {
	safety: [
		'warning_signs',
		'coping',
		'distractions',
		'helpers',
		'professionals',
		'safer_surroundings',
		'reasons'
	],
	recovery: [
		'toolbox',
		'daily',
		'triggers',
		'early_signs',
		'breaking_down',
		'crisis_contacts',
		'crisis_helps',
		'crisis_not_helpful',
		'crisis_treatment',
		'after_crisis'
	]
} as const satisfies Record<PlanKind, readonly string[]>;

export type PlanSection<K extends PlanKind = PlanKind> = (typeof planSections)[K][number];

/** What a plan says: each section's text, absent when the person left it empty. */
export type PlanBody = Partial<Record<string, string>>;

/** The most one section may hold: a long list, not a book. */
export const sectionMax = 4000;

const zSection = zOptionalText(sectionMax);

/** The form of one kind of plan: every section optional, each within its length. */
export const planForm = (kind: PlanKind) =>
	z.object(
		Object.fromEntries(planSections[kind].map((s) => [s, zSection])) as Record<
			string,
			typeof zSection
		>
	);

export const zPlanKind = z.enum(planKinds, 'err_invalid');

/** Whether a route's `[kind]` names a kind of plan. */
export const isPlanKind = (value: string): value is PlanKind =>
	(planKinds as readonly string[]).includes(value);

/** The sections in order with their text; only those the body fills when `filledOnly`. */
export function sectionsOf(
	kind: PlanKind,
	body: PlanBody,
	filledOnly = false
): { key: PlanSection; text: string; title: string; hint: string }[] {
	return planSections[kind]
		.map((key) => ({ key, text: body[key] ?? '', ...sectionWordsOf(kind, key) }))
		.filter((s) => !filledOnly || s.text !== '');
}

/** A form holding any section of either kind: a route's one action for both kinds of plan. */
export const planFormOfAll = z.object({
	...planForm('safety').shape,
	...planForm('recovery').shape
});

/**
 * A section's title and hint in the reader's language, worked out on the server: the page then
 * carries two strings per section rather than every section's words in every language.
 */
export function sectionWordsOf(kind: PlanKind, key: string): { title: string; hint: string } {
	// Every kind's sections have both keys in the catalogues (the plans' unit test reads them all).
	return {
		title: t(`plan_${kind}_${key}_title` as MessageKey),
		hint: t(`plan_${kind}_${key}_hint` as MessageKey)
	};
}
