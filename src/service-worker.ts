/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// What this worker keeps, and why (decisions 0004 and 0011):
// - at install, only an offline page and the site's crisis help, rendered as a visitor sees them
//   (no name, no menu of theirs), with their style sheet: little to download on a visitor's phone;
// - the app's own files once a page has used them, served from here first, so a repeat visit
//   loads without the network;
// - lessons once opened, without scripts, without what the person typed into them and without
//   their name, forgotten at sign-out (and on any sign-in page);
// - the person's own safety plan and recovery plan once opened, the same way (decision 0017);
// - an offline page per further language the person used, and any crisis page seen.
// Nothing else: no other page, no POST answer, no data request, and never an answer marked
// `Cache-Control: no-store` (every signed-in page) except a lesson, stripped as above.
import { build, files, version } from '$service-worker';
import { offlineHtml, stylesheetsOf } from '$lib/offline-copy';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `kith-assets-${version}`;
const LESSONS = `kith-lessons-${version}`;
/** The signed-in person's own plans (decision 0017): private, so dropped like lessons. */
const PLANS = `kith-plans-${version}`;
const OFFLINE = `kith-offline-${version}`;
const assets = new Set([...build, ...files]);

/** A lesson page, /courses/<course>/<lesson>; its data requests (…/__data.json) are not. */
const lessonPage = /^\/courses\/[^/]+\/[^/]+\/?$/;
/** The person's own plan, /plans/safety or /plans/recovery (never another's, never a version). */
const ownPlanPage = /^\/plans\/(safety|recovery)\/?$/;
/** Crisis help: /crisis (the site being looked at) or /crisis/<site>. */
const crisisPage = /^\/crisis(\/[^/]+)?\/?$/;

/** Where the offline page in a language is kept, and the language of the latest page seen. */
const offlineKey = (locale: string): string => `/offline?kith-language=${locale}`;
const latestLanguageKey = '/offline?kith-language-latest';

/** Asks for a page as a visitor would see it, in the person's language and for their site. */
const copyOf = (path: string): Promise<Response> =>
	fetch(path, { headers: { 'kith-offline-copy': '1' }, cache: 'no-store' });

sw.addEventListener('install', (event) => {
	// Light on a visitor's data (decision 0011): two pages of a few kilobytes and their style
	// sheet, which the page just seen has mostly loaded already. Without the network the worker
	// still installs; the next page seen keeps them.
	event.waitUntil(
		Promise.allSettled([keepOfflinePage(), keepCrisisHelp('/crisis')]).then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key !== ASSETS && key !== LESSONS && key !== PLANS && key !== OFFLINE)
					await caches.delete(key);
			// The page's request starts while this worker wakes up, not after.
			await sw.registration.navigationPreload?.enable();
			await sw.clients.claim();
		})()
	);
});

/** What is kept for the signed-in person alone: their lessons and their own plans. */
const forgetPersonal = (): Promise<boolean[]> =>
	Promise.all([caches.delete(LESSONS), caches.delete(PLANS)]);

/** Whether an answer may be kept at all: a page that worked, and nothing marked "no-store". */
const keepable = (response: Response): boolean =>
	response.ok &&
	!!response.headers.get('content-type')?.startsWith('text/html') &&
	!/no-store/i.test(response.headers.get('cache-control') ?? '');

/** The page answered for a navigation: the one fetched while the worker woke, else a new one. */
async function network(event: FetchEvent): Promise<Response> {
	const preloaded = (await event.preloadResponse) as Response | undefined;
	return preloaded ?? fetch(event.request);
}

/** What is kept of a page (offline-copy.ts), and the style sheets it needs. */
async function keep(cacheName: string, keys: string[], response: Response): Promise<void> {
	const html = offlineHtml(await response.text());
	const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
	for (const name of ['content-security-policy', 'content-language']) {
		const value = response.headers.get(name);
		if (value) headers.set(name, value);
	}
	const cache = await caches.open(cacheName);
	for (const key of keys) await cache.put(key, new Response(html, { status: 200, headers }));
	const files = await caches.open(ASSETS);
	for (const href of stylesheetsOf(html))
		if (assets.has(href) && !(await files.match(href)))
			await files.add(href).catch(() => undefined); // the page is kept; its look comes later
}

/**
 * Crisis help as a visitor sees it, under its address and, for /crisis, under the site's own
 * address too (the server names it in Content-Location).
 */
async function keepCrisisHelp(path: string, seen?: Response): Promise<void> {
	const response = seen && keepable(seen) ? seen : await copyOf(path);
	if (!keepable(response)) return;
	const also = response.headers.get('content-location');
	await keep(OFFLINE, also && crisisPage.test(also) ? [path, also] : [path], response);
}

/** The offline page in the person's language; the first one kept names the latest language. */
async function keepOfflinePage(): Promise<void> {
	const response = await copyOf('/offline');
	const locale = response.headers.get('content-language');
	if (!keepable(response) || !locale) return;
	await keep(OFFLINE, [offlineKey(locale)], response);
	const cache = await caches.open(OFFLINE);
	if (!(await cache.match(latestLanguageKey)))
		await cache.put(latestLanguageKey, new Response(locale));
}

/**
 * After a page has loaded: the person's language is noted and, the first time it is seen (the
 * install kept the first), the offline page and their site's crisis help are kept in it. Crisis
 * help is kept too for a site whose crisis help is not kept yet (the page names its site), so the
 * crisis link of every page works offline, even before crisis help was ever opened. A crisis page
 * seen is kept as well.
 */
async function afterPage(path: string, response: Response): Promise<void> {
	const locale = response.headers.get('content-language');
	const site = response.headers.get('kith-site');
	const cache = await caches.open(OFFLINE);
	const latest = await (await cache.match(latestLanguageKey))?.text();
	const newLanguage = locale !== null && locale !== latest;
	const fresh = locale !== null && (await cache.match(offlineKey(locale))) === undefined;
	const newSite = site !== null && (await cache.match(`/crisis/${site}`)) === undefined;
	if (locale && newLanguage) await cache.put(latestLanguageKey, new Response(locale));
	const work: Promise<void>[] = [];
	if (fresh || newLanguage) work.push(keepOfflinePage());
	if (crisisPage.test(path)) work.push(keepCrisisHelp(path, response));
	else if (fresh || newLanguage || newSite) work.push(keepCrisisHelp('/crisis'));
	// Failing to keep a copy (the network went away meanwhile) costs nothing now.
	await Promise.allSettled(work);
}

/** Offline: the offline page in the language of the latest page seen, else in any kept. */
async function offlinePage(): Promise<Response | undefined> {
	const cache = await caches.open(OFFLINE);
	const latest = await (await cache.match(latestLanguageKey))?.text();
	return (
		(latest ? await cache.match(offlineKey(latest)) : undefined) ??
		(await cache.match('/offline', { ignoreSearch: true }))
	);
}

/** Pages come from the network; offline, a kept copy (lesson, crisis help) or the offline page. */
async function page(event: FetchEvent, url: URL): Promise<Response> {
	const lesson = url.search === '' && lessonPage.test(url.pathname);
	const plan = url.search === '' && ownPlanPage.test(url.pathname);
	try {
		const response = await network(event);
		if (lesson) event.waitUntil(keepLesson(LESSONS, url, response.clone()));
		if (plan) event.waitUntil(keepLesson(PLANS, url, response.clone()));
		event.waitUntil(afterPage(url.pathname, response.clone()).catch(() => undefined));
		return response;
	} catch (error) {
		const kept =
			(lesson ? await (await caches.open(LESSONS)).match(url.href) : undefined) ??
			(plan ? await (await caches.open(PLANS)).match(url.href) : undefined) ??
			(crisisPage.test(url.pathname) && url.search === ''
				? await (await caches.open(OFFLINE)).match(url.pathname)
				: undefined) ??
			(await offlinePage());
		if (kept) return kept;
		throw error;
	}
}

/**
 * A lesson (decision 0004) or the person's own plan (decision 0017) is kept as read, although
 * the person's pages are marked no-store: without scripts, what they typed and their name
 * (offline-copy.ts), and only when it is a page (a redirect to sign-in is not).
 */
async function keepLesson(cacheName: string, url: URL, response: Response): Promise<void> {
	if (response.ok && response.headers.get('content-type')?.startsWith('text/html'))
		await keep(cacheName, [url.href], response);
}

/** The app's own files: from here once kept, else from the network and kept for next time. */
async function assetCacheFirst(event: FetchEvent): Promise<Response> {
	const cache = await caches.open(ASSETS);
	const cached = await cache.match(event.request);
	if (cached) return cached;
	const response = await fetch(event.request);
	// A whole file only (a range answer cannot be kept); failing to keep it costs nothing now.
	if (response.status === 200)
		event.waitUntil(cache.put(event.request, response.clone()).catch(() => undefined));
	return response;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	// Signing out, or being at the sign-in page (signed out, timed out): lessons and plans go.
	if (url.pathname === '/signout' || url.pathname === '/signin') event.waitUntil(forgetPersonal());
	if (request.method !== 'GET') return;
	if (assets.has(url.pathname)) event.respondWith(assetCacheFirst(event));
	else if (request.mode === 'navigate') event.respondWith(page(event, url));
});
