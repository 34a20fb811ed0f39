import type { Coding, Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { SCORING_EXTENSION, type Translatable } from '../parse-instrument';
import { languages, type Labels, type ScoringSpecInput } from '../scoring-spec';

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

/** FHIR's way of carrying the other languages of a text. */
const translations = (labels: Labels) => ({
	extension: languages.flatMap((lang) => {
		const content = lang === 'en' ? undefined : labels[lang];
		return content
			? [
					{
						url: TRANSLATION,
						extension: [
							{ url: 'lang', valueCode: lang },
							{ url: 'content', valueString: content }
						]
					}
				]
			: [];
	})
});

export type OwnItem =
	| { linkId: string; text: Labels; scale: readonly Labels[]; required: boolean }
	| { linkId: string; text: Labels; free: true };

/** Builds a FHIR R4 Questionnaire (with Kith's scoring inside) from a compact description. */
export function ownQuestionnaire(q: {
	name: string;
	title: Labels;
	items: readonly OwnItem[];
	scoring: ScoringSpecInput;
}): Questionnaire {
	const item: (QuestionnaireItem & Translatable)[] = q.items.map((i) =>
		'free' in i
			? { linkId: i.linkId, type: 'text', text: i.text.en, _text: translations(i.text) }
			: {
					linkId: i.linkId,
					type: 'choice',
					required: i.required,
					text: i.text.en,
					_text: translations(i.text),
					answerOption: i.scale.map((label, value) => {
						const valueCoding: Coding & Translatable = {
							code: String(value),
							display: label.en,
							_display: translations(label),
							extension: [{ url: ORDINAL, valueDecimal: value }]
						};
						return { valueCoding };
					})
				}
	);
	const questionnaire: Questionnaire & Translatable = {
		resourceType: 'Questionnaire',
		name: q.name,
		url: `https://kith.example/fhir/Questionnaire/${q.scoring.key}`,
		status: 'active',
		title: q.title.en,
		_title: translations(q.title),
		extension: [{ url: SCORING_EXTENSION, valueString: JSON.stringify(q.scoring) }],
		item
	};
	return questionnaire;
}
