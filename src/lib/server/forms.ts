import { error as httpError, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { formatDateTime } from '../format';
import { displayZone } from './dates/display-zone';
import { t } from './i18n/messages';
import { AppError, isErrorKey, notFound, type MessageKey, type MessageParams } from './errors';
import { hasUnstorableCharacters } from './validation';
import { isDatabaseUnavailable } from './db/unavailable';

export type { MessageKey } from './errors';
export type FormValues = Record<string, string | string[] | boolean>;
export type FormFailure = { values: FormValues; errors: Record<string, string>; message?: string };
/** Field name → message key, e.g. `{ reason: 'companion_err_cannot_end' }`. */
export type FieldKeys = Record<string, MessageKey>;

/** Fields never echoed back to the page, whatever happens. */
const secretFields = new Set([
	'password',
	'currentPassword',
	'newPassword',
	'confirmPassword',
	'code',
	'backupCode'
]);

// The message lookup is foundation (use cases translate too); forms re-export it for routes.
export { t } from './i18n/messages';

/** Form data as a plain object: repeated names become arrays, secrets are kept out of `values`. */
export function formObject(data: FormData): { raw: Record<string, unknown>; values: FormValues } {
	const raw: Record<string, unknown> = {};
	const values: FormValues = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		const value = all.length > 1 || key.endsWith('[]') ? all : (all[0] ?? '');
		const name = key.replace(/\[\]$/, '');
		raw[name] = value;
		if (!secretFields.has(name)) values[name] = value;
	}
	return { raw, values };
}

type Parsed<T> =
	{ ok: true; data: T; values: FormValues } | { ok: false; failure: ActionFailure<FormFailure> };

/**
 * Validates a submitted form. On failure the person gets every field's message in their language
 * and their input back (secrets excepted); nothing has been written.
 */
async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<Parsed<z.infer<S>>> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		return { ok: false, failure: fail(400, { values: {}, errors: {}, message: t('err_invalid') }) };
	}
	const { raw, values } = formObject(data);
	const errors: Record<string, string> = {};
	// PostgreSQL cannot store a NUL in text and refuses it mid-query, and a body that was not valid
	// UTF-8 arrives as U+FFFD: every field of every form is checked here, so no schema that forgot
	// the check turns one into a 500 or stores something other than what the person sent.
	for (const [field, value] of Object.entries(raw)) {
		if ((Array.isArray(value) ? value : [value]).some(hasUnstorableCharacters))
			errors[field] = t('err_invalid_characters');
	}
	if (Object.keys(errors).length > 0)
		return { ok: false, failure: fail(400, { values, errors, message: t('err_form') }) };
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data, values };
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? '_');
		if (errors[field]) continue;
		errors[field] = t(isErrorKey(issue.message) ? issue.message : 'err_invalid');
	}
	return { ok: false, failure: fail(400, { values, errors, message: t('err_form') }) };
}

/** Who reads an answer: dates in its messages are written in their language and site's zone. */
type Reader = { locale: string; timeZone?: string | null };

function say(key: MessageKey, params: MessageParams, reader: Reader): string {
	const written = Object.entries(params).map(([name, value]) => [
		name,
		value instanceof Date ? formatDateTime(value, reader.locale, reader.timeZone) : value
	]);
	return t(key, Object.fromEntries(written));
}

/**
 * An expected use-case failure as a form answer: field messages next to the fields, input kept.
 * "Not found" is an error page, unless `notFoundAs` names the field message to answer it with
 * instead (for a form among many on one page; `_` names the message at the top): the same words
 * whether the record does not exist or is not the person's, so nothing can be probed.
 */
function failWith(
	error: unknown,
	values: FormValues,
	reader: Reader,
	notFoundAs?: FieldKeys
): ActionFailure<FormFailure> {
	if (error instanceof AppError && error.code === 'not_found' && notFoundAs) {
		const { _: whole, ...fields } = notFoundAs;
		const errors = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v)]));
		return fail(error.status, { values, errors, message: t(whole ?? 'err_form') });
	}
	if (error instanceof AppError && error.code !== 'not_found') {
		const errors = Object.fromEntries(
			Object.entries(error.fields).map(([k, v]) => [k, say(v, error.params, reader)])
		);
		// `_` is a refusal of the whole form (no field to point at): it is the message at the top.
		const message = error.fields._
			? say(error.fields._, error.params, reader)
			: error.code === 'rate_limited'
				? t('err_rate_limited')
				: t('err_form');
		return fail(error.status, { values, errors, message });
	}
	// The database went away during the action: nothing was saved, and the person's text stays.
	if (isDatabaseUnavailable(error))
		return fail(503, { values, errors: {}, message: t('unavailable_kept') });
	return pageError(error);
}

/** For page loads (and actions): an expected use-case error becomes its HTTP error page. */
export function pageError(error: unknown): never {
	if (error instanceof AppError) httpError(error.status, error.code);
	throw error;
}

/** The schema of a form without fields (a lone button): its body is not read at all. */
export const noFields = z.object({});
const readsBody = (schema: z.ZodType) => schema !== noFields;

type Refusals = {
	/** Field → message key to answer "not found" with, instead of the error page. */
	notFoundAs?: FieldKeys;
	/** A form that does not parse names nothing this person has: answered as not found. */
	invalidIsNotFound?: boolean;
};
/** The confirmation, `{ done }`: a message key, or the text made from the result and input. */
type Done<R, I> = MessageKey | ((result: R, input: I) => string);
type Act<S extends z.ZodType, E, R> = (
	input: z.infer<S>,
	event: E,
	values: FormValues
) => Promise<R>;
type Answer<A> = Promise<A | ActionFailure<FormFailure>>;
/** What the helper itself reads of a request: the form, and the reader's language and zone. */
type FormEvent = {
	request: Request;
	locals: {
		locale: string;
		actor: { site: { timeZone: string } | null } | null;
		profile?: { timeZone: string | null } | null;
	};
};

/**
 * A form action: parses the form with `schema`, runs `act`, and answers with its result (or with
 * `{ done }`); a redirect or an error page thrown inside passes through, an AppError becomes the
 * fields' messages in the person's language and zone, with their input kept.
 */
export function formAction<S extends z.ZodType, R, E extends FormEvent = RequestEvent>(
	schema: S,
	act: Act<S, E, R>,
	options: Refusals & { done: Done<R, z.infer<S>> }
): (event: E) => Answer<{ done: string }>;
export function formAction<S extends z.ZodType, R, E extends FormEvent = RequestEvent>(
	schema: S,
	act: Act<S, E, R>,
	options?: Refusals
): (event: E) => Answer<R>;
export function formAction<S extends z.ZodType, R, E extends FormEvent = RequestEvent>(
	schema: S,
	act: Act<S, E, R>,
	{ notFoundAs, invalidIsNotFound, done }: Refusals & { done?: Done<R, z.infer<S>> } = {}
): (event: E) => Answer<R | { done: string }> {
	return async (event) => {
		const form: Parsed<z.infer<S>> = readsBody(schema)
			? await parseForm(event.request, schema)
			: { ok: true, data: schema.parse({}), values: {} };
		if (!form.ok) return invalidIsNotFound ? pageError(notFound()) : form.failure;
		const { data: input, values } = form;
		const { locale, actor, profile } = event.locals;
		const reader = { locale, timeZone: displayZone({ profile, site: actor?.site }) };
		try {
			const result = await act(input, event, values);
			if (done === undefined) return result;
			return { done: typeof done === 'string' ? t(done) : done(result, input) };
		} catch (e) {
			return failWith(e, values, reader, notFoundAs);
		}
	};
}
