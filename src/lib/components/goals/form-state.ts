// What a goal page's last form answer says about one form on it: pages carry several forms (one
// per step), so an answer's errors and kept input belong to the form whose hidden fields match.
export type FormState =
	| {
			done?: string;
			message?: string;
			values?: Record<string, unknown>;
			errors?: Record<string, string>;
	  }
	| null
	| undefined;

/** The answer, if it is for the form with this intent (and step). */
export function answerFor(
	form: FormState,
	intent: string,
	stepId?: string
): { values: Record<string, unknown>; errors: Record<string, string> } | null {
	if (!form?.errors || form.values?.intent !== intent) return null;
	if (stepId !== undefined && form.values.stepId !== stepId) return null;
	return { values: form.values, errors: form.errors };
}

/** A kept text value, or the fallback. */
export const keptText = (
	answer: { values: Record<string, unknown> } | null,
	name: string,
	fallback = ''
): string => {
	const v = answer?.values[name];
	return typeof v === 'string' ? v : fallback;
};
