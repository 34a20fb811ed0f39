import type { Permission } from './permissions';

/**
 * Who may reach each route of the app, by SvelteKit route id. The hook looks every request up here
 * and refuses a route with no rule, so a new route is unreachable until someone decides its rule;
 * the access test walks src/routes and fails on any route missing from this table.
 */
export type RouteRule =
	| { access: 'public' }
	/** Any signed-in person; `early` routes stay open before a required second factor is enrolled. */
	| { access: 'signed-in'; early?: boolean }
	| { access: 'permission'; anyOf: readonly Permission[] };

const pub = { access: 'public' } as const;
const signedIn = { access: 'signed-in' } as const;
const early = { access: 'signed-in', early: true } as const;
const perm = (...anyOf: Permission[]): RouteRule => ({ access: 'permission', anyOf });

export const routeRules: Record<string, RouteRule> = {
	'/': pub,
	'/healthz': pub,
	'/not-found': pub,
	'/readyz': pub,
	'/crisis': pub,
	'/crisis/[site]': pub,
	'/signin': pub,
	'/signin/second-factor': pub,
	'/signin/unlock': pub,
	'/signup/[site]': pub,
	'/check-email': pub,
	'/verify-email': pub,
	'/forgot-password': pub,
	'/reset-password': pub,
	'/invite/[token]': pub,
	'/language': pub,
	// Installing the app and being offline: nothing personal in either (decision 0011).
	'/manifest.webmanifest': pub,
	'/offline': pub,
	// Help in plain words: readable before signing up or accepting an invitation; nothing personal.
	'/help': pub,
	'/help/[topic]': pub,

	'/signout': early,
	'/session/extend': early,
	'/profile': early,
	'/profile/security': early,
	'/sites': early,

	'/home': signedIn,
	'/notifications': signedIn,
	'/notifications/[notificationId]': signedIn,
	// What happens when someone writes something worrying: for everyone, nothing personal.
	'/safety/what-happens': signedIn,
	'/profile/sessions': signedIn,

	'/welcome': perm('member.space'),
	'/courses': perm('member.space'),
	'/courses/[course]': perm('member.space'),
	'/courses/[course]/[lesson]': perm('member.space'),
	'/goals': perm('member.space'),
	'/goals/[goalId]': perm('member.space'),
	'/plans': perm('member.space', 'carer.space', 'peer.work', 'clinical.caseload'),
	'/plans/[kind]': perm('member.space'),
	'/plans/[kind]/edit': perm('member.space'),
	'/plans/shared/[planId]': perm('carer.space', 'peer.work', 'clinical.caseload'),
	'/plans/shared/[planId]/edit': perm('clinical.caseload'),
	'/checkins': perm('member.space'),
	'/checkins/[responseId]': perm('member.space'),
	'/checkins/export.json': perm('member.space'),
	'/supporting': perm('carer.space', 'peer.work', 'clinical.caseload'),
	// A member's own care team; a supporter's caseload (the people whose team they are on).
	'/care-team': perm('member.space'),
	'/caseload': perm('peer.work', 'clinical.caseload'),
	'/network': perm('member.space'),
	'/network/items/[itemId]': perm('member.space'),
	'/network/snapshots': perm('member.space'),
	'/network/shared/[memberId]': perm('carer.space', 'peer.work', 'clinical.caseload'),
	'/network/facilitate': perm('peer.work', 'clinical.caseload'),
	'/network/facilitate/[sessionId]': perm('peer.work', 'clinical.caseload'),
	'/cohorts': perm('peer.work', 'clinical.caseload'),
	'/cohorts/[cohortId]': perm('peer.work', 'clinical.caseload'),
	'/cohorts/[cohortId]/sessions/[sessionId]': perm('peer.work', 'clinical.caseload'),
	'/admin/courses': perm('content.edit'),
	'/admin/courses/[course]': perm('content.edit'),
	'/admin/courses/[course]/[lesson]': perm('content.edit'),
	'/groups': perm('member.space', 'peer.work', 'clinical.caseload', 'moderation.queue'),
	'/groups/new': perm('peer.work', 'groups.manage'),
	'/groups/[groupId]': perm('member.space', 'peer.work', 'clinical.caseload', 'moderation.queue'),
	'/groups/[groupId]/sessions/[sessionId]': perm('peer.work', 'clinical.caseload'),
	// Calendar apps fetch it without a session: the member's secret token is the credential.
	'/groups/[groupId]/calendar.ics': pub,
	'/groups/[groupId]/board': perm(
		'member.space',
		'peer.work',
		'clinical.caseload',
		'moderation.queue'
	),
	'/groups/[groupId]/board/[threadId]': perm(
		'member.space',
		'peer.work',
		'clinical.caseload',
		'moderation.queue'
	),
	'/groups/[groupId]/sessions/[sessionId]/room': perm(
		'member.space',
		'peer.work',
		'clinical.caseload',
		'moderation.queue'
	),
	'/groups/[groupId]/sessions/[sessionId]/room/events': perm(
		'member.space',
		'peer.work',
		'clinical.caseload',
		'moderation.queue'
	),
	// Programme texts are content (like lessons): content editors write them too; creating a
	// programme from a template is for those who run groups (checked in createProgramme).
	'/admin/programmes': perm('groups.manage', 'content.edit'),
	'/admin/programmes/[programme]': perm('groups.manage', 'content.edit'),
	'/admin/companionship': perm('groups.manage'),
	// The resource directory: site admins keep it; members find, pick and follow up (issue 13).
	'/admin/resources': perm('site.settings'),
	'/admin/resources/[resourceId]': perm('site.settings'),
	'/admin/resources/import': perm('site.settings'),
	'/admin/resources/export': perm('site.settings'),
	'/network/activities': perm('member.space'),
	'/network/activities/interests': perm('member.space'),
	'/network/activities/picks/[pickId]': perm('member.space'),
	// Members ask for a companion, peer workers accompany; a coordinator (site admin) matches.
	'/companionship': perm('member.space', 'peer.work', 'groups.manage'),
	'/training': perm('peer.work'),
	// Safety alerts: who sees which alert is decided per alert (safety/alert-access.ts).
	'/safety/alerts': perm('peer.work', 'clinical.caseload', 'moderation.queue', 'site.settings'),
	'/safety/alerts/[alertId]': perm(
		'peer.work',
		'clinical.caseload',
		'moderation.queue',
		'site.settings'
	),
	'/moderation': perm('moderation.queue'),
	'/moderation/[itemId]': perm('moderation.queue'),

	'/admin/people': perm('site.people'),
	'/admin/people/[userId]': perm('site.people'),
	'/admin/site': perm('site.settings'),
	'/admin/safety': perm('site.settings'),
	'/admin/audit': perm('site.audit'),
	'/admin/outbox': perm('site.outbox'),
	'/admin/jobs': perm('site.settings'),
	'/admin/instruments': perm('site.settings'),
	'/admin/instruments/[instrumentId]': perm('site.settings'),

	'/platform/denials': perm('platform.sites'),
	'/platform/people': perm('platform.sites'),
	'/platform/sites': perm('platform.sites')
};

/** Routes reached without signing in that a signed-in person is sent away from. */
export const guestOnly = new Set(['/signin', '/signin/second-factor', '/forgot-password']);
