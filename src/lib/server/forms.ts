import { error as httpError, fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '../paraglide/messages.js';
import { AppError, isErrorKey } from './errors';

export type FormValues = Record<string, string | string[] | boolean>;
export type FormFailure = { values: FormValues; errors: Record<string, string>; message?: string };

/** Fields never echoed back to the page, whatever happens. */
const secretFields = new Set([
	'password',
	'currentPassword',
	'newPassword',
	'confirmPassword',
	'code',
	'backupCode'
]);

/** A message key from the catalogue, translated for the current request's language. */
export function t(key: string, params?: Record<string, string | number>): string {
	const fn = (m as unknown as Record<string, ((p?: object) => string) | undefined>)[key];
	return fn ? fn(params ?? {}) : (m.err_invalid?.() ?? key);
}

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
export async function parseForm<S extends z.ZodType>(
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
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data, values };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? '_');
		if (errors[field]) continue;
		errors[field] = t(isErrorKey(issue.message) ? issue.message : 'err_invalid');
	}
	return { ok: false, failure: fail(400, { values, errors, message: t('err_form') }) };
}

/**
 * An expected use-case failure as a form answer: field messages next to the fields, input kept.
 * "Not found" is an error page, unless `notFoundAs` names the field message to answer it with
 * instead (for a form among many on one page): the same words whether the record does not exist
 * or is not the person's, so nothing can be probed.
 */
export function failWith(
	error: unknown,
	values: FormValues,
	notFoundAs?: Record<string, string>
): ActionFailure<FormFailure> {
	if (error instanceof AppError && error.code === 'not_found' && notFoundAs) {
		const errors = Object.fromEntries(Object.entries(notFoundAs).map(([k, v]) => [k, t(v)]));
		return fail(error.status, { values, errors, message: t('err_form') });
	}
	if (error instanceof AppError && error.code !== 'not_found') {
		const errors = Object.fromEntries(
			Object.entries(error.fields).map(([k, v]) => [k, t(v, error.params)])
		);
		// `_` is a refusal of the whole form (no field to point at): it is the message at the top.
		const message = error.fields._
			? t(error.fields._, error.params)
			: error.code === 'rate_limited'
				? t('err_rate_limited')
				: t('err_form');
		return fail(error.status, { values, errors, message });
	}
	return pageError(error);
}

/** For page loads (and actions): an expected use-case error becomes its HTTP error page. */
export function pageError(error: unknown): never {
	if (error instanceof AppError) httpError(error.status, error.code);
	throw error;
}
