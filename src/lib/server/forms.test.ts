import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isActionFailure, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale, overwriteGetLocale } from '../paraglide/runtime.js';
import { formatDateTime } from '../format';
import { AppError } from './errors';
import { formAction, noFields, t } from './forms';

type TestEvent = {
	request: Request;
	locals: {
		locale: string;
		actor: { site: { timeZone: string } | null } | null;
		profile?: { timeZone: string | null } | null;
	};
};

/** A form post as a browser sends it, read by a German speaker on a New York site. */
const post = (fields: Record<string, string>, locale = 'de'): TestEvent => ({
	request: new Request('http://kith.test/form', {
		method: 'POST',
		body: new URLSearchParams(fields)
	}),
	locals: { locale, actor: { site: { timeZone: 'America/New_York' } } }
});

/** A body no form parser can read. */
const garbled = (): TestEvent => ({
	request: new Request('http://kith.test/form', {
		method: 'POST',
		headers: { 'content-type': 'multipart/form-data' },
		body: 'not multipart'
	}),
	locals: { locale: 'de', actor: null }
});

const ZName = z.object({ name: z.string().min(1, 'err_required'), password: z.string() });
const fields = { name: 'Ada', password: 'secret-1' };
const refusing = (e: unknown) => async (_input: unknown, _event: TestEvent) => {
	throw e;
};

const original = getLocale;
beforeAll(() => overwriteGetLocale(() => 'de'));
afterAll(() => overwriteGetLocale(original));

describe('formAction', () => {
	it('runs the use case with the parsed form and answers with its result', async () => {
		const act = vi.fn(async (input: { name: string }, _event: TestEvent) => ({
			hello: input.name
		}));
		await expect(formAction(ZName, act)(post(fields))).resolves.toEqual({ hello: 'Ada' });
		expect(act.mock.calls[0]?.[0]).toEqual(fields);
	});

	it('answers `done` with a message key, or with the text made from the result and input', async () => {
		const act = async (_input: unknown, _event: TestEvent) => 3;
		const byKey = formAction(ZName, act, { done: 'groups_left' });
		await expect(byKey(post(fields))).resolves.toEqual({ done: t('groups_left') });
		const byResult = formAction(ZName, act, {
			done: (count, { name }) => t('safety_starter_added', { count: `${name} ${count}` })
		});
		await expect(byResult(post(fields))).resolves.toEqual({
			done: t('safety_starter_added', { count: 'Ada 3' })
		});
	});

	it('refuses a form that does not parse: every field message, the input back without secrets', async () => {
		const act = vi.fn(async (_input: unknown, _event: TestEvent) => 'written');
		const answer = await formAction(ZName, act)(post({ name: '', password: 'secret-1' }));
		expect(act).not.toHaveBeenCalled();
		expect(isActionFailure(answer)).toBe(true);
		expect(answer).toMatchObject({
			status: 400,
			data: { values: { name: '' }, errors: { name: t('err_required') }, message: t('err_form') }
		});
		expect(JSON.stringify(answer)).not.toContain('secret-1');
		await expect(formAction(ZName, act)(garbled())).resolves.toMatchObject({
			status: 400,
			data: { values: {}, errors: {}, message: t('err_invalid') }
		});
	});

	it('refuses a NUL in any field, whatever its schema, before the use case runs', async () => {
		const act = vi.fn(async (_input: unknown, _event: TestEvent) => 'written');
		const loose = z.object({ id: z.string(), note: z.string() });
		const answer = await formAction(loose, act)(post({ id: 'a\u0000b', note: 'fine' }));
		expect(act).not.toHaveBeenCalled();
		expect(answer).toMatchObject({
			status: 400,
			data: { errors: { id: t('err_invalid_characters') }, message: t('err_form') }
		});
	});

	it('refuses text that was not UTF-8 or holds a lone surrogate instead of storing U+FFFD', async () => {
		const act = vi.fn(async (_input: unknown, _event: TestEvent) => 'written');
		const loose = z.object({ note: z.string(), place: z.string().optional() });
		// %FF is no UTF-8 byte sequence: the body's parser would turn it into U+FFFD.
		const notUtf8: TestEvent = {
			request: new Request('http://kith.test/form', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'note=caf%FF&place=Hall'
			}),
			locals: { locale: 'de', actor: null }
		};
		await expect(formAction(loose, act)(notUtf8)).resolves.toMatchObject({
			status: 400,
			data: { values: { place: 'Hall' }, errors: { note: t('err_invalid_characters') } }
		});
		await expect(formAction(loose, act)(post({ note: 'a\uD800b' }))).resolves.toMatchObject({
			status: 400,
			data: { errors: { note: t('err_invalid_characters') } }
		});
		expect(act).not.toHaveBeenCalled();
	});

	it('turns an AppError into its status and the fields’ messages, input kept', async () => {
		const clash = new AppError('conflict', { name: 'err_required' });
		await expect(formAction(ZName, refusing(clash))(post(fields))).resolves.toEqual(
			expect.objectContaining({
				status: 409,
				data: {
					values: { name: 'Ada' },
					errors: { name: t('err_required') },
					message: t('err_form')
				}
			})
		);
		// `_` refuses the whole form: its message is the one at the top.
		const whole = new AppError('conflict', { _: 'groups_err_closed_enrolment' });
		await expect(formAction(ZName, refusing(whole))(post(fields))).resolves.toMatchObject({
			status: 409,
			data: { message: t('groups_err_closed_enrolment') }
		});
	});

	it('answers a database gone during the action with 503 and the input kept, not a crash', async () => {
		const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
			code: 'ECONNREFUSED'
		});
		await expect(formAction(ZName, refusing(lost))(post(fields))).resolves.toEqual(
			expect.objectContaining({
				status: 503,
				data: { values: { name: 'Ada' }, errors: {}, message: t('unavailable_kept') }
			})
		);
		expect(t('unavailable_kept')).toMatch(/Kith/);
	});

	it('writes a date in an AppError in the reader’s language and their site’s zone', async () => {
		const startsAt = new Date('2026-11-03T17:00:00Z');
		const clash = new AppError(
			'conflict',
			{ first: 'groups_err_overlap' },
			{ group: 'Paths', when: startsAt }
		);
		const answer = await formAction(ZName, refusing(clash))(post(fields));
		const when = formatDateTime(startsAt, 'de', 'America/New_York');
		expect(when).toContain('12:00');
		expect(answer).toMatchObject({
			status: 409,
			data: { errors: { first: t('groups_err_overlap', { group: 'Paths', when }) } }
		});
		expect(JSON.stringify(answer)).toContain(`Treffen, das du in Paths am ${when} leitest`);
	});

	it('writes that date on the reader’s own clock when they chose a zone', async () => {
		const startsAt = new Date('2026-11-03T17:00:00Z');
		const clash = new AppError(
			'conflict',
			{ first: 'groups_err_overlap' },
			{ group: 'Paths', when: startsAt }
		);
		const event = {
			...post(fields),
			locals: { ...post(fields).locals, profile: { timeZone: 'Asia/Bangkok' } }
		};
		const answer = await formAction(ZName, refusing(clash))(event);
		const when = formatDateTime(startsAt, 'de', 'Asia/Bangkok');
		expect(when).toContain('00:00');
		expect(JSON.stringify(answer)).toContain(when);
	});

	it('answers "not found" as the named fields when asked to, else as the error page', async () => {
		const gone = new AppError('not_found');
		const asField = formAction(ZName, refusing(gone), { notFoundAs: { name: 'err_required' } });
		await expect(asField(post(fields))).resolves.toMatchObject({
			status: 404,
			data: { values: { name: 'Ada' }, errors: { name: t('err_required') }, message: t('err_form') }
		});
		const asMessage = formAction(ZName, refusing(gone), { notFoundAs: { _: 'invite_invalid' } });
		await expect(asMessage(post(fields))).resolves.toMatchObject({
			status: 404,
			data: { errors: {}, message: t('invite_invalid') }
		});
		const page = await formAction(ZName, refusing(gone))(post(fields)).catch((e: unknown) => e);
		expect(isHttpError(page, 404)).toBe(true);
	});

	it('answers a form that does not parse as not found when it only names a record', async () => {
		const act = async (_input: unknown, _event: TestEvent) => 'written';
		const action = formAction(ZName, act, { invalidIsNotFound: true });
		const page = await action(post({ name: '' })).catch((e: unknown) => e);
		expect(isHttpError(page, 404)).toBe(true);
	});

	it('lets a redirect and any other error pass through untouched', async () => {
		const moved = formAction(ZName, async (_input, _event: TestEvent) => redirect(303, '/home'));
		const thrown = await moved(post(fields)).catch((e: unknown) => e);
		expect(isRedirect(thrown) && thrown.location).toBe('/home');
		const bug = new Error('bug');
		await expect(formAction(ZName, refusing(bug))(post(fields))).rejects.toBe(bug);
	});

	it('does not read the body of a form without fields', async () => {
		const act = vi.fn(async (input: object, _event: TestEvent) => input);
		await expect(formAction(noFields, act)(garbled())).resolves.toEqual({});
		expect(act).toHaveBeenCalledOnce();
	});
});
