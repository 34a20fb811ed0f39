import { z } from 'zod';
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Coding, Extension, Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import type { MessageKey } from '../errors';
import { loadFhirDefinitions } from './fhir-definitions';
import type { Instrument, InstrumentItem, InstrumentOption } from './instrument';
import {
	ZScoringSpec,
	languages,
	type Labels,
	type ResolvedSpec,
	type ScoringSpec
} from './scoring-spec';

/** Where Kith's scoring specification sits in a Questionnaire file: an extension holding its JSON. */
export const SCORING_EXTENSION = 'https://kith.example/fhir/StructureDefinition/scoring';
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const ITEM_WEIGHT = 'http://hl7.org/fhir/StructureDefinition/itemWeight';

/** One problem with an instrument file; `item` names the question (linkId) when there is one. */
export type InstrumentProblem = { message: MessageKey; item?: string; detail?: string };

export type ParsedInstrument =
	| { ok: true; instrument: Instrument; questionnaire: Questionnaire }
	| { ok: false; problems: InstrumentProblem[] };

type Element = { extension?: Extension[] } | undefined;

/**
 * FHIR's extensions on a primitive (`_text`, `_title`, `_display`) carry translations; Medplum's
 * types leave them out, so they are named here.
 */
export type Translatable = { _text?: Element; _title?: Element; _display?: Element };

/** A text with its translations (FHIR's translation extension on the `_text`-style element). */
function labelsOf(text: string | undefined, element: Element): Labels {
	const labels: Labels = { en: text ?? '' };
	for (const ext of element?.extension ?? []) {
		if (ext.url !== TRANSLATION) continue;
		const lang = ext.extension?.find((e) => e.url === 'lang')?.valueCode;
		const content = ext.extension?.find((e) => e.url === 'content')?.valueString;
		const known = languages.find((l) => l === lang);
		if (known && content) labels[known] = content;
	}
	return labels;
}

function optionValue(option: NonNullable<QuestionnaireItem['answerOption']>[number]) {
	if (option.valueInteger !== undefined) return option.valueInteger;
	const coding = option.valueCoding;
	const weight = [...(option.extension ?? []), ...(coding?.extension ?? [])].find(
		(e) => e.url === ORDINAL || e.url === ITEM_WEIGHT
	);
	if (weight?.valueDecimal !== undefined) return weight.valueDecimal;
	if (weight?.valueInteger !== undefined) return weight.valueInteger;
	if (coding?.code !== undefined && /^-?[0-9]+(\.[0-9]+)?$/.test(coding.code))
		return Number(coding.code);
	return undefined;
}

/** The questions in document order, groups flattened. */
function flatten(items: readonly QuestionnaireItem[]): QuestionnaireItem[] {
	return items.flatMap((i) => (i.type === 'group' ? flatten(i.item ?? []) : [i]));
}

function readItems(q: Questionnaire, problems: InstrumentProblem[]): InstrumentItem[] {
	const seen = new Set<string>();
	const out: InstrumentItem[] = [];
	for (const item of flatten(q.item ?? [])) {
		const linkId = item.linkId;
		if (seen.has(linkId)) problems.push({ message: 'out_err_duplicate_link', item: linkId });
		seen.add(linkId);
		if (item.type === 'display') continue;
		const text = labelsOf(item.text, (item as QuestionnaireItem & Translatable)._text);
		if (item.type === 'string' || item.type === 'text') {
			out.push({ linkId, kind: 'text', text, required: item.required ?? false, options: [] });
			continue;
		}
		if (item.type !== 'choice') {
			problems.push({ message: 'out_err_item_type', item: linkId, detail: item.type });
			continue;
		}
		const options: InstrumentOption[] = [];
		for (const [n, option] of (item.answerOption ?? []).entries()) {
			const value = optionValue(option);
			if (value === undefined) {
				problems.push({ message: 'out_err_option_value', item: linkId, detail: `${n + 1}` });
				continue;
			}
			const coding = option.valueCoding;
			options.push({
				code: coding?.code ?? String(value),
				value,
				label: labelsOf(
					coding?.display ?? String(value),
					(coding as (Coding & Translatable) | undefined)?._display
				)
			});
		}
		if (options.length === 0) problems.push({ message: 'out_err_no_options', item: linkId });
		out.push({ linkId, kind: 'choice', text, required: item.required ?? false, options });
	}
	return out;
}

/** Turns `#n` references into linkIds; a reference to no answerable choice item is a problem. */
function resolveSpec(
	spec: ScoringSpec,
	items: readonly InstrumentItem[],
	problems: InstrumentProblem[]
): ResolvedSpec {
	const choices = items.filter((i) => i.kind === 'choice');
	const resolve = (ref: string): string => {
		const byPosition = ref.startsWith('#') ? choices[Number(ref.slice(1)) - 1] : undefined;
		const found = byPosition ?? choices.find((i) => i.linkId === ref);
		if (!found) {
			problems.push({ message: 'out_err_spec_missing_item', item: ref });
			return ref;
		}
		return found.linkId;
	};
	return {
		...spec,
		items: spec.items === 'all' ? choices.map((i) => i.linkId) : spec.items.map(resolve),
		reverse: spec.reverse.map(resolve),
		subscales: spec.subscales.map((s) => ({ ...s, items: s.items.map(resolve) })),
		alerts: spec.alerts.map((a) => ({ ...a, item: resolve(a.item) }))
	};
}

/** The scoring inside the file, else the shipped one whose key matches the file's name or url. */
function specFor(
	q: Questionnaire,
	shipped: readonly ScoringSpec[],
	problems: InstrumentProblem[]
): ScoringSpec | null {
	const inline = q.extension?.find((e) => e.url === SCORING_EXTENSION)?.valueString;
	if (inline !== undefined) {
		let json: unknown;
		try {
			json = JSON.parse(inline);
		} catch {
			problems.push({ message: 'out_err_spec_invalid', detail: 'JSON' });
			return null;
		}
		const parsed = ZScoringSpec.safeParse(json);
		if (!parsed.success) {
			for (const issue of parsed.error.issues.slice(0, 5))
				problems.push({ message: 'out_err_spec_invalid', detail: issue.path.join('.') });
			return null;
		}
		return parsed.data;
	}
	const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
	const names = [q.name, q.url?.split('/').at(-1), q.id].flatMap((n) => (n ? [norm(n)] : []));
	const match = shipped.find((s) => names.includes(norm(s.key)));
	if (!match) problems.push({ message: 'out_err_no_spec' });
	return match ?? null;
}

const ZQuestionnaireShape = z.object({ resourceType: z.literal('Questionnaire') }).loose();

/**
 * Reads an instrument file: a FHIR R4 Questionnaire (checked against the R4 definitions by
 * Medplum) with Kith's scoring in an extension, or matched by name to a shipped specification.
 * Every problem found is returned, each naming its item where it has one.
 */
export function parseInstrument(text: string, shipped: readonly ScoringSpec[]): ParsedInstrument {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, problems: [{ message: 'out_err_not_json' }] };
	}
	if (!ZQuestionnaireShape.safeParse(json).success)
		return { ok: false, problems: [{ message: 'out_err_not_questionnaire' }] };
	const q = json as Questionnaire;
	const problems: InstrumentProblem[] = [];
	loadFhirDefinitions();
	try {
		validateResource(q);
	} catch (e) {
		if (!(e instanceof OperationOutcomeError)) throw e;
		for (const issue of e.outcome.issue ?? []) {
			if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
			problems.push({
				message: 'out_err_fhir',
				item: issue.expression?.[0],
				detail: issue.details?.text ?? issue.diagnostics
			});
		}
	}
	const items = readItems(q, problems);
	const spec = specFor(q, shipped, problems);
	const scoring = spec ? resolveSpec(spec, items, problems) : null;
	if (problems.length > 0 || !scoring) return { ok: false, problems };
	return {
		ok: true,
		questionnaire: q,
		instrument: {
			key: scoring.key,
			title: labelsOf(q.title ?? q.name ?? scoring.key, (q as Questionnaire & Translatable)._title),
			items,
			scoring
		}
	};
}
