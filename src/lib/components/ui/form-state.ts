import type { SubmitFunction } from '@sveltejs/kit';

// What a page's last form answer says about one form on it. A refused form comes back with the
// person's input (`values`, secrets left out) and a message per field (`errors`); a page with many
// forms tells them apart by hidden fields (an `intent`, a step or a record id), so an answer's
// kept input and errors belong only to the form whose hidden fields match.

/** A form answer as actions send it: only refusals carry `values` and `errors`. */
export type FormAnswer =
	| {
			// Other fields of an answer (a crisis flag, a saved id) are the page's own business.
			[field: string]: unknown;
			done?: string | undefined;
			message?: string | undefined;
			values?: Record<string, unknown> | undefined;
			errors?: Record<string, string | undefined> | undefined;
	  }
	| null
	| undefined;

export type FormState = {
	/** The last answer refused this form. */
	readonly refused: boolean;
	/** What was sent, when this form was refused; empty otherwise. */
	readonly values: Readonly<Record<string, unknown>>;
	/** Messages per field, when this form was refused; empty otherwise. */
	readonly errors: Readonly<Record<string, string | undefined>>;
	/** The text the person sent in `name`, kept after a refusal; else `fallback`. */
	kept(name: string, fallback?: string): string;
	/** Whether the checkbox `name` was ticked when refused; else `fallback`. */
	ticked(name: string, fallback: boolean): boolean;
	/** The message next to field `name`, if this form was refused for it. */
	error(name: string): string | undefined;
};

const none: Readonly<Record<string, never>> = Object.freeze({});

/** The hidden fields that tell a form apart, or a test of what was sent. */
export type FormMatch = Record<string, string> | ((values: Record<string, unknown>) => boolean);

/**
 * This form's part of the answer: `match` names the hidden fields that tell it apart from the
 * other forms on the page, e.g. `{ intent: 'schedule' }` or `{ intent: 'edit', stepId }`.
 */
export function formState(form: FormAnswer, match: FormMatch = {}): FormState {
	// A refusal always carries `values` (maybe empty); errors alone still mean a refusal.
	const sent = form?.values ?? (form?.errors ? {} : undefined);
	const refused =
		!!sent &&
		(typeof match === 'function'
			? match(sent)
			: Object.entries(match).every(([name, value]) => sent[name] === value));
	const values = refused && sent ? sent : none;
	const errors = (refused && form?.errors) || none;
	return {
		refused,
		values,
		errors,
		kept(name, fallback = '') {
			const v = values[name];
			return typeof v === 'string' ? v : fallback;
		},
		ticked(name, fallback) {
			return refused ? values[name] === 'on' : fallback;
		},
		error(name) {
			return errors[name];
		}
	};
}

/** For `use:enhance`: keep what the person chose or typed on screen after an enhanced submit. */
export const keepInput: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });
