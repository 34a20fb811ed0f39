/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// Repeat visits load the app's own files from here, and lessons once opened can be read again
// offline. Nothing else is kept: no other page (profile, goals, admin — personal data), no
// POST answer, no data request. Lessons are kept as read, but without scripts and without what
// the person typed into them, and they are forgotten at sign-out (and on any sign-in page).
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `kith-assets-${version}`;
const LESSONS = `kith-lessons-${version}`;
const assets = new Set([...build, ...files]);

/** A lesson page, /courses/<course>/<lesson>; its data requests (…/__data.json) are not. */
const lessonPage = /^\/courses\/[^/]+\/[^/]+\/?$/;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll([...assets]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key !== ASSETS && key !== LESSONS) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

const forgetLessons = (): Promise<boolean> => caches.delete(LESSONS);

/** What is kept of a lesson page: the HTML without scripts and without textarea contents. */
async function offlineCopy(response: Response): Promise<Response> {
	const html = (await response.text())
		.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
		.replace(/(<textarea\b[^>]*>)[\s\S]*?(<\/textarea>)/gi, '$1$2');
	const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
	const csp = response.headers.get('content-security-policy');
	if (csp) headers.set('content-security-policy', csp);
	return new Response(html, { status: 200, headers });
}

async function lessonNetworkFirst(event: FetchEvent): Promise<Response> {
	try {
		const response = await fetch(event.request);
		// Redirects (e.g. to sign-in) arrive opaque and not ok: never kept.
		if (response.ok && response.headers.get('content-type')?.startsWith('text/html'))
			event.waitUntil(
				offlineCopy(response.clone()).then(async (copy) =>
					(await caches.open(LESSONS)).put(event.request.url, copy)
				)
			);
		return response;
	} catch (error) {
		const cached = await (await caches.open(LESSONS)).match(event.request.url);
		if (cached) return cached;
		throw error;
	}
}

async function assetCacheFirst(request: Request): Promise<Response> {
	const cached = await (await caches.open(ASSETS)).match(request);
	return cached ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	// Signing out, or being at the sign-in page (signed out, timed out): the lessons go.
	if (url.pathname === '/signout' || url.pathname === '/signin') {
		event.waitUntil(forgetLessons());
		return;
	}
	if (request.method !== 'GET') return;
	if (assets.has(url.pathname)) event.respondWith(assetCacheFirst(request));
	else if (request.mode === 'navigate' && url.search === '' && lessonPage.test(url.pathname))
		event.respondWith(lessonNetworkFirst(event));
});
