// The answer while the database cannot be reached: a calm page in the reader's language that
// needs nothing from the database, with the way to crisis help (served from the last known
// contacts). 503 with Retry-After, so load balancers and browsers know it is brief.
import { m } from '$lib/paraglide/messages.js';
import { directionOf, pickLocale } from '../i18n/locale';
import { LOCALE_COOKIE } from '../i18n/cookies';
import type { RequestEvent } from '@sveltejs/kit';

const escape = (s: string) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function unavailablePage(event: RequestEvent): Response {
	const locale = pickLocale({
		preferred: event.cookies.get(LOCALE_COOKIE),
		siteDefault: null,
		siteLocales: null,
		acceptLanguage: event.request.headers.get('accept-language')
	});
	const o = { locale };
	const title = escape(m.unavailable_title({}, o));
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Kith</title></head>
<body><main><h1>${title}</h1><p>${escape(m.unavailable_body({}, o))}</p>
<p><a href="/crisis">${escape(m.unavailable_crisis({}, o))}</a></p></main></body></html>`;
	return new Response(html, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'retry-after': '5',
			'cache-control': 'no-store'
		}
	});
}
