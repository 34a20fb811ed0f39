import {
	redirect,
	type Handle,
	type RequestEvent,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { withRemoteMedia } from '$lib/server/csp';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { defineCustomServerStrategy, type Locale } from '$lib/paraglide/runtime.js';
import { getApp } from '$lib/server/app';
import { dev } from '$app/environment';
import { startReminderLoop } from '$lib/server/groups/reminder-loop';
import { startCheckinLoop } from '$lib/server/outcomes/checkin-loop';
import { registerGroupNotifications } from '$lib/server/groups/reminder-notifications';
import { startSafetyAlerts } from '$lib/server/safety/alert-jobs';
import { registerNetworkNotifications } from '$lib/server/network/note-restricted-network';
import { startScheduler } from '$lib/server/scheduler/scheduler';
import { startDigests } from '$lib/server/notifications/digest-loop';
import { startResourceFollowUps } from '$lib/server/resources/follow-up-loop';
import { startAuditSealer } from '$lib/server/audit/seal-audit-trail';
import { noteDenial, startDenialRecorder } from '$lib/server/audit/access-denials';
import { registerStreamCloser, stopGracefully } from '$lib/server/shutdown';
import { closeLiveRooms } from '$lib/server/live-room/hubs';
import { loadActor } from '$lib/server/auth/load-actor';
import { routeRules, guestOnly } from '$lib/server/access/route-rules';
import { can } from '$lib/server/access/actor';
import { getDefaultSite, getSiteBySlug } from '$lib/server/sites/get-site';
import { directionOf, pickLocale } from '$lib/server/i18n/locale';
import { logger } from '$lib/server/logger';
import { LOCALE_COOKIE, SITE_COOKIE } from '$lib/server/i18n/cookies';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { lastKnownSite, rememberSite, rememberSites } from '$lib/server/sites/last-known-sites';
import { unavailableAnswer } from '$lib/server/web/unavailable-page';
import { compressed } from '$lib/server/web/compress';
import { crossSiteFormRefusal, isCrossSiteForm } from '$lib/server/web/cross-site-form';
import { hasUnstorableCharacters } from '$lib/server/validation';

const requestLocale = new WeakMap<Request, Locale>();
defineCustomServerStrategy('custom-kith', {
	getLocale: (request) => (request ? requestLocale.get(request) : undefined)
});

export const init: ServerInit = async () => {
	const app = await getApp();
	// The crisis page can answer from these if the database goes away later.
	await rememberSites(app.db);
	// The live room's streams never end by themselves: shutdown ends them first.
	registerStreamCloser(() => closeLiveRooms(app));
	startAuditSealer(app);
	startDenialRecorder(app);
	registerGroupNotifications();
	registerNetworkNotifications();
	startReminderLoop(app);
	startSafetyAlerts(app);
	startCheckinLoop(app);
	startDigests(app);
	startResourceFollowUps(app);
	// After every capability has registered its jobs.
	startScheduler({
		db: app.db,
		workerId: app.instanceId,
		everyMs: app.config.KITH_JOB_POLL_SECONDS * 1000
	});
	// The built server only: in development Vite owns the process and its signals.
	if (!dev) stopGracefully(app);
};

/** Liveness and readiness answer without a session or a site: they must work while the database is down. */
const probes = new Set(['/healthz', '/readyz']);

/** Session → actor, and the site a visitor is looking at. The only place a session becomes an actor. */
const authenticate: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	event.locals.app = app;
	let ip: string | null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	event.locals.ip = ip;
	event.locals.actor = null;
	event.locals.profile = null;
	event.locals.idleSeconds = 0;
	event.locals.sessionEnded = null;
	event.locals.site = null;
	if (event.route.id && probes.has(event.route.id)) return resolve(event);
	const slug = event.params.site ?? event.cookies.get(SITE_COOKIE);
	try {
		const loaded = await loadActor({ app, headers: event.request.headers, ip });
		event.locals.actor = loaded.kind === 'actor' ? loaded.actor : null;
		event.locals.profile = loaded.kind === 'actor' ? loaded.profile : null;
		event.locals.idleSeconds = loaded.kind === 'actor' ? loaded.idleSeconds : 0;
		event.locals.sessionEnded = loaded.kind === 'ended' ? loaded.reason : null;
		event.locals.site =
			event.locals.actor?.site ??
			(slug ? await getSiteBySlug({ db: app.db, slug }) : null) ??
			(await getDefaultSite({ db: app.db }));
		if (event.locals.site) rememberSite(event.locals.site);
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		// The database is unreachable: crisis help still works from what was last read.
		if (event.route.id !== '/crisis' && event.route.id !== '/crisis/[site]')
			return unavailableAnswer(event);
		event.locals.site = lastKnownSite(slug);
	}
	return resolve(event);
};

/** The same page, byte for byte but its nonce, for a missing route and a forbidden one. */
const notFound = (event: RequestEvent): Promise<Response> =>
	event.fetch(event.isDataRequest ? '/not-found/__data.json' : '/not-found', {
		headers: { accept: event.request.headers.get('accept') ?? 'text/html' }
	});

/** Deny by default: every route has a rule in route-rules.ts, or it answers "not found". */
const authorize: Handle = async ({ event, resolve }) => {
	const id = event.route.id;
	if (id === '/not-found') return resolve(event);
	if (id === null) return notFound(event);
	// An address whose ids or query hold control characters (a NUL, say) or bytes that were not
	// UTF-8 names nothing: no lookup sees it.
	const addressed = [...Object.values(event.params), ...event.url.searchParams.values()];
	if (addressed.some((v) => /[\u0000-\u001F\u007F]/.test(v) || hasUnstorableCharacters(v)))
		return notFound(event);
	const rule = routeRules[id];
	const actor = event.locals.actor;
	if (!rule) {
		logger.error({ route: id }, 'route has no access rule');
		return notFound(event);
	}
	if (rule.access === 'public') {
		if (actor && guestOnly.has(id) && event.request.method === 'GET') redirect(303, '/home');
		return resolve(event);
	}
	if (!actor) {
		const reason = event.locals.sessionEnded ? `&reason=${event.locals.sessionEnded}` : '';
		redirect(303, `/signin?next=${encodeURIComponent(event.url.pathname)}${reason}`);
	}
	if (rule.access === 'signed-in' && rule.early) return resolve(event);
	if (actor.needsSecondFactor) redirect(303, '/profile/security?required=1');
	if (rule.access === 'signed-in') return resolve(event);
	if (rule.anyOf.some((p) => can(actor, p))) return resolve(event);
	return notFound(event);
};

/**
 * The person's language and the page's direction. A choice made (in the profile, else with the
 * language menu) wins; without one, a person keeps the language they were using, signed in or
 * not (the browser's), and only then gets the site's default.
 */
const localize: Handle = async ({ event, resolve }) => {
	const site = event.locals.site;
	const locale = pickLocale({
		preferred: event.locals.profile?.locale ?? event.cookies.get(LOCALE_COOKIE),
		siteDefault: site?.defaultLocale,
		siteLocales: site?.locales,
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;
	requestLocale.set(event.request, locale);
	const profile = event.locals.profile;
	const bodyClass = [
		profile?.textSize && profile.textSize !== 'normal' ? `text-${profile.textSize}` : '',
		profile?.reducedMotion ? 'reduced-motion' : '',
		profile?.highContrast ? 'high-contrast' : ''
	]
		.filter(Boolean)
		.join(' ');
	const response = await paraglideMiddleware(event.request, () =>
		resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', directionOf(locale))
					.replace('%kith.bodyclass%', bodyClass)
		})
	);
	// The service worker keeps its offline page per language and crisis help per site, and learns
	// both from here (a site's address is public: every page's crisis link names it).
	if (response.headers.get('content-type')?.startsWith('text/html')) {
		response.headers.set('Content-Language', locale);
		if (site) response.headers.set('Kith-Site', site.slug);
	}
	return response;
};

/**
 * A copy the service worker keeps for offline reading (its offline page, crisis help) is
 * rendered as a visitor sees it, though in the person's language and for their site: no name,
 * no menu of theirs, no session warning. The header can only take rights away: past this point
 * the request has none, so the route's rule still decides.
 */
const offlineCopy: Handle = ({ event, resolve }) => {
	if (event.request.method === 'GET' && event.request.headers.get('kith-offline-copy') === '1') {
		event.locals.actor = null;
		event.locals.profile = null;
		event.locals.idleSeconds = 0;
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	// same-origin, not no-referrer: with no-referrer Chromium posts forms with "Origin: null", which
	// the origin check (refuseCrossSiteForms, decision 0012) refuses, so forms would fail without JavaScript.
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	const csp = h.get('Content-Security-Policy');
	if (!csp) h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	else if (event.locals.actor?.site?.allowRemoteContent && event.route.id?.includes('/courses'))
		h.set('Content-Security-Policy', withRemoteMedia(csp));
	if (event.locals.app?.config.ORIGIN.startsWith('https://'))
		h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	// Pages with personal data must not be kept by browsers or shared caches.
	if (event.locals.actor && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
	return response;
};

/**
 * Refused answers are counted (per person, address, site and quarter hour, written in batches):
 * probing leaves a trace. The "not found" page fetched for a refusal is the same answer, once.
 */
const countRefusals: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if ((response.status === 404 || response.status === 403) && event.route.id !== '/not-found')
		noteDenial({
			siteId: event.locals.actor?.site?.id ?? null,
			actorUserId: event.locals.actor?.userId ?? null,
			ip: event.locals.ip,
			status: response.status
		});
	return response;
};

/**
 * Forms posted from another site are refused here, as SvelteKit would (its own check is off so
 * the refusal can be counted: decision 0012), before any session or database is read. The person
 * whose browser sent it is the one being attacked, so it is counted by address only.
 */
const refuseCrossSiteForms: Handle = ({ event, resolve }) => {
	if (!isCrossSiteForm(event.request, event.url.origin)) return resolve(event);
	let ip: string | null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	noteDenial({ siteId: null, actorUserId: null, ip, status: 403 });
	return crossSiteFormRefusal(event.request);
};

/** Pages go out compressed (Brotli, else gzip) when the browser accepts it. */
const compress: Handle = async ({ event, resolve }) =>
	compressed(event.request, await resolve(event));

export const handle: Handle = sequence(
	refuseCrossSiteForms,
	compress,
	securityHeaders,
	authenticate,
	countRefusals,
	localize,
	offlineCopy,
	authorize
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		logger.error(
			{ route: event.route.id, status, err: error instanceof Error ? error.message : 'unknown' },
			'unexpected error'
		);
	}
	if (isDatabaseUnavailable(error)) return { message: 'unavailable' };
	return { message: status === 404 ? 'not_found' : 'unexpected' };
};
