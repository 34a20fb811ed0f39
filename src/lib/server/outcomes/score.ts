import type { ResolvedSpec } from './scoring-spec';

/** What a completed questionnaire scores. `total` is null when too few items were answered. */
export type Score = {
	total: number | null;
	/** The raw total before a conversion table, when there is one. */
	raw: number | null;
	band: string | null;
	subscales: Record<string, number | null>;
	/** The linkIds of the items whose answer met an alert rule. */
	alerts: string[];
	answered: number;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

function valueOf(spec: ResolvedSpec, linkId: string, v: number): number {
	if (!spec.reverse.includes(linkId)) return v;
	if (spec.itemMin === undefined || spec.itemMax === undefined)
		throw new Error('reverse items need itemMin and itemMax');
	return spec.itemMin + spec.itemMax - v;
}

function combine(
	spec: ResolvedSpec,
	items: readonly string[],
	method: 'sum' | 'mean',
	answers: ReadonlyMap<string, number>,
	minAnswered: number,
	prorate: boolean
): number | null {
	const values = items.flatMap((id) => {
		const v = answers.get(id);
		return v === undefined ? [] : [valueOf(spec, id, v)];
	});
	if (values.length < minAnswered || values.length === 0) return null;
	const sum = values.reduce((a, b) => a + b, 0);
	if (method === 'mean') return round2(sum / values.length);
	if (values.length < items.length) {
		if (!prorate) return null;
		return Math.round((sum / values.length) * items.length);
	}
	return sum;
}

/** Scores answers (linkId → the chosen option's value) by a resolved specification. */
export function scoreAnswers(spec: ResolvedSpec, answers: ReadonlyMap<string, number>): Score {
	const minAnswered = spec.minAnswered ?? spec.items.length;
	const raw = combine(spec, spec.items, spec.method, answers, minAnswered, spec.prorate);
	let total = raw;
	if (raw !== null && spec.conversion) {
		const row = spec.conversion.find(([from]) => from === raw);
		total = row ? row[1] : null;
	}
	let band: string | null = null;
	if (total !== null) for (const b of spec.bands) if (total >= b.from) band = b.key;
	const subscales: Record<string, number | null> = {};
	for (const s of spec.subscales) {
		// A subscale follows the total's missing-data rule in proportion to its size.
		const min = Math.ceil((minAnswered / spec.items.length) * s.items.length);
		subscales[s.key] = combine(spec, s.items, s.method, answers, min, spec.prorate);
	}
	const alerts = spec.alerts.flatMap((a) => {
		const v = answers.get(a.item);
		return v !== undefined && v >= a.atLeast ? [a.item] : [];
	});
	return {
		total,
		raw,
		band,
		subscales,
		alerts: [...new Set(alerts)],
		answered: spec.items.filter((id) => answers.has(id)).length
	};
}
