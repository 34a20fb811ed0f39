// The answer while the database cannot be reached: a calm page in the reader's language that
// needs nothing from the database, with the way to crisis help (served from the last known
// contacts). 503 with Retry-After, so load balancers and browsers know it is brief. A form sent
// by the page's script gets a form failure instead: the page stays, says why, and keeps the text.
import { stringify } from 'devalue';
import { m } from '$lib/paraglide/messages.js';
import { directionOf, pickLocale } from '../i18n/locale';
import { LOCALE_COOKIE } from '../i18n/cookies';
import { formObject, type FormFailure, type FormValues } from '../forms';
import type { RequestEvent } from '@sveltejs/kit';

const brief = { 'retry-after': '5', 'cache-control': 'no-store' };

/** The outage answer: a form failure to a form sent by script, else the page below. */
export async function unavailableAnswer(event: RequestEvent): Promise<Response> {
	if (event.request.method !== 'POST' || event.request.headers.get('x-sveltekit-action') !== 'true')
		return unavailablePage(event);
	let values: FormValues = {};
	try {
		values = formObject(await event.request.formData()).values;
	} catch {
		// Not a form: nothing to keep.
	}
	const failure: FormFailure = {
		values,
		errors: {},
		message: m.unavailable_kept({}, { locale: readerLocale(event) })
	};
	// The shape SvelteKit's enhance reads: `data` is devalue-encoded, as an action's own would be.
	return new Response(JSON.stringify({ type: 'failure', status: 503, data: stringify(failure) }), {
		status: 503,
		headers: { 'content-type': 'application/json', ...brief }
	});
}

const readerLocale = (event: RequestEvent) =>
	pickLocale({
		preferred: event.cookies.get(LOCALE_COOKIE),
		siteDefault: null,
		siteLocales: null,
		acceptLanguage: event.request.headers.get('accept-language')
	});

const escape = (s: string) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function unavailablePage(event: RequestEvent): Response {
	const locale = readerLocale(event);
	const o = { locale };
	const title = escape(m.unavailable_title({}, o));
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Kith</title></head>
<body><main><h1>${title}</h1><p>${escape(m.unavailable_body({}, o))}</p>
<p><a href="/crisis">${escape(m.unavailable_crisis({}, o))}</a></p></main></body></html>`;
	return new Response(html, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', ...brief }
	});
}
