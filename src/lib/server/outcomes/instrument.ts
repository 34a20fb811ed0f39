import type { InstrumentItem, Labels, ResolvedSpec } from './outcomes.schema';

export type { InstrumentItem, InstrumentOption } from './outcomes.schema';

/** A questionnaire ready to show and score: its questions in order and its scoring. */
export type Instrument = {
	key: string;
	title: Labels;
	items: InstrumentItem[];
	scoring: ResolvedSpec;
};

/** A text in the reader's language, else English. */
export const inLanguage = (labels: Labels, locale: string): string =>
	(labels as Record<string, string | undefined>)[locale] ?? labels.en;
