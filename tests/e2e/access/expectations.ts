// What every route should answer to every kind of visitor, worked out from the same tables the
// hook enforces (route-rules.ts, permissions.ts) rather than from a copy that could drift.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { guestOnly, routeRules } from '../../../src/lib/server/access/route-rules';
import {
	isStaff,
	permissionsOf,
	type Permission
} from '../../../src/lib/server/access/permissions';
import { roles, type Role } from '../fixtures/accounts';
import type { SiteRole } from '../../../src/lib/server/people/people.schema';

export type Site = 'demo' | 'other';

/** Someone making requests: anonymous (role null) or an account of the demo or other site. */
export type Principal = { label: string; role: Role | null; site: Site };

export const principals: readonly Principal[] = [
	{ label: 'anonymous', role: null, site: 'demo' },
	...roles.map((role) => ({ label: role, role, site: 'demo' as const })),
	// Staff of a site that requires a second factor, before enrolling one.
	{ label: 'other-site professional', role: 'professional', site: 'other' }
];

/** An HTTP answer as far as access is concerned: its status and, for redirects, where to. */
export type Answer = { status: number; location?: string };

const ok: Answer = { status: 200 };
const notFound: Answer = { status: 404 };
const to = (location: string): Answer => ({ status: 303, location });

const siteRolesOf = (role: Role): SiteRole[] => (role === 'platform_admin' ? [] : [role]);

function grants(p: Principal): Set<Permission> {
	if (p.role === null) return new Set();
	return permissionsOf(siteRolesOf(p.role), p.role === 'platform_admin');
}

function needsSecondFactor(p: Principal): boolean {
	if (p.role === null) return false;
	const platformAdmin = p.role === 'platform_admin';
	const staff = isStaff(siteRolesOf(p.role), platformAdmin);
	// A platform admin has no site role, so no site can waive the second factor for them.
	const required = p.site === 'other' || platformAdmin;
	return staff && required;
}

/**
 * What a route's own code answers a GET with once the hook lets the request through. Every other
 * route renders its page (200). Keys must be routes that exist: a stale one fails the matrix.
 */
export const ownAnswers: Record<string, (p: Principal) => Answer> = {
	'/': (p) => (p.role ? to('/home') : ok),
	// POST-only form actions: a GET is sent somewhere useful instead.
	'/language': () => to('/'),
	'/signout': () => to('/home'),
	// A POST-only endpoint: SvelteKit refuses other methods.
	'/session/extend': () => ({ status: 405 }),
	// The shared "not found" page: what every missing or forbidden route answers.
	'/not-found': () => ({ status: 404 }),
	// A random goal id is nobody's goal: "not found" for everyone the rule lets in.
	'/goals/[goalId]': () => notFound,
	// A random cohort (and session) id is nobody's: "not found" for every facilitator too.
	'/cohorts/[cohortId]': () => notFound,
	'/cohorts/[cohortId]/sessions/[sessionId]': () => notFound,
	// A random group (and session, thread or moderation item) id is nobody's: "not found" for
	// everyone let in; the calendar feed is public by rule, and without a member's token it is
	// "not found" for all.
	'/groups/[groupId]': () => notFound,
	'/groups/[groupId]/sessions/[sessionId]': () => notFound,
	'/groups/[groupId]/calendar.ics': () => notFound,
	'/groups/[groupId]/board': () => notFound,
	'/groups/[groupId]/board/[threadId]': () => notFound,
	'/groups/[groupId]/sessions/[sessionId]/room': () => notFound,
	'/groups/[groupId]/sessions/[sessionId]/room/events': () => notFound,
	'/moderation/[itemId]': () => notFound,
	// A random safety alert id is nobody's alert: "not found" for everyone the rule lets in.
	'/safety/alerts/[alertId]': () => notFound,
	// A random item, member or session id is nobody's map: "not found" for everyone let in.
	'/network/items/[itemId]': () => notFound,
	'/network/shared/[memberId]': () => notFound,
	'/network/facilitate/[sessionId]': () => notFound,
	// A random notification id is nobody's: "not found" for everyone signed in.
	'/notifications/[notificationId]': () => notFound,
	// A random plan id is shared with nobody: "not found" for every supporter let in.
	'/plans/shared/[planId]': () => notFound,
	'/plans/shared/[planId]/edit': () => notFound,
	// A random directory entry or pick is nobody's: "not found" for everyone let in.
	'/admin/resources/[resourceId]': () => notFound,
	'/network/activities/picks/[pickId]': () => notFound,
	// A random check-in or instrument id is nobody's: "not found" for everyone let in.
	'/checkins/[responseId]': () => notFound,
	'/admin/instruments/[instrumentId]': () => notFound
};

/** The answer the hook and then the route give `p` for a GET of `path`, a page of `routeId`. */
export function expectedAnswer(routeId: string, path: string, p: Principal): Answer {
	const rule = routeRules[routeId];
	if (!rule) throw new Error(`no rule for ${routeId}`);
	const own = (): Answer => ownAnswers[routeId]?.(p) ?? ok;
	if (rule.access === 'public') return p.role && guestOnly.has(routeId) ? to('/home') : own();
	if (p.role === null) return to(`/signin?next=${encodeURIComponent(path)}`);
	if (rule.access === 'signed-in' && rule.early) return own();
	if (needsSecondFactor(p)) return to('/profile/security?required=1');
	if (rule.access === 'signed-in') return own();
	const have = grants(p);
	return rule.anyOf.some((perm) => have.has(perm)) ? own() : notFound;
}

/** An invitation token of the right shape that no invitation has. */
export const unknownToken = (): string => randomBytes(24).toString('base64url');

/** Values for route params that need no records; `[userId]` routes get their own test. */
const sampleParams: Record<string, () => string> = {
	site: () => 'demo',
	token: unknownToken,
	goalId: randomUUID,
	cohortId: randomUUID,
	groupId: randomUUID,
	sessionId: randomUUID,
	threadId: randomUUID,
	itemId: randomUUID,
	alertId: randomUUID,
	notificationId: randomUUID,
	planId: randomUUID,
	// The member's own safety plan (the recovery plan is the same page).
	kind: () => 'safety',
	resourceId: randomUUID,
	pickId: randomUUID,
	responseId: randomUUID,
	instrumentId: randomUUID,
	memberId: randomUUID,
	topic: () => 'groups',
	// From the shipped content the demo seed imports. A member who has not enrolled still gets
	// the lesson's page (200), with an offer to enrol instead of the lesson.
	course: () => 'recovery-skills',
	lesson: () => 'what-recovery-means',
	// The shipped ten-session course the demo seed imports; the editor opens in the default language.
	programme: () => 'paths-to-everyday-life'
};

/** Routes whose params name someone's records, tested with records of both sites elsewhere. */
export const recordRoutes = new Set(['/admin/people/[userId]']);

/** A concrete path for a route id, or an error naming the param nobody gave a value for. */
export function pathOf(routeId: string): string {
	return routeId.replace(/\[(\w+)(=\w+)?\]/g, (_, name: string) => {
		const sample = sampleParams[name];
		if (!sample) throw new Error(`${routeId}: no sample value for [${name}]`);
		return sample();
	});
}

const english = JSON.parse(
	readFileSync(new URL('../../../messages/en.json', import.meta.url), 'utf8')
) as Record<string, string>;

/** An English message of the catalogue, as the pages show it. */
export const message = (key: string): string => {
	const text = english[key];
	if (typeof text !== 'string') throw new Error(`no message ${key}`);
	return text;
};
