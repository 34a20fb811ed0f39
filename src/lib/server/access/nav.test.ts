import { describe, expect, it } from 'vitest';
import { siteRoles, type SiteRole } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';
import { buildActorAccess, type Actor } from './actor';
import { capabilities, navFor, navItems, siteOffers, type CapabilityId } from './nav';
import { routeRules } from './route-rules';

const site = { id: 'site-1', requireStaffSecondFactor: false } as Site;

const actorWith = (roles: SiteRole[], isPlatformAdmin = false, twoFactorEnabled = false): Actor => {
	const on = isPlatformAdmin && roles.length === 0 ? null : site;
	return {
		userId: 'u1',
		sessionId: 's1',
		sessionToken: 't1',
		email: 'a@example.org',
		name: 'A',
		isPlatformAdmin,
		twoFactorEnabled,
		site: on,
		roles,
		sites: [],
		ip: null,
		...buildActorAccess({ roles, isPlatformAdmin, twoFactorEnabled, site: on })
	};
};

const menuOf = (actor: Actor): string[] => navFor(actor).map((item) => item.href);

// The specification: each role's menu, in order. Only pages that are built and do something.
const expected: Record<SiteRole | 'platform_admin', string[]> = {
	member: [
		'/home',
		'/notifications',
		'/courses',
		'/goals',
		'/groups',
		'/network',
		'/checkins',
		'/plans',
		'/companionship',
		'/care-team'
	],
	carer: ['/home', '/notifications', '/plans', '/supporting'],
	peer_worker: [
		'/home',
		'/notifications',
		'/groups',
		'/network/facilitate',
		'/plans',
		'/supporting',
		'/cohorts',
		'/caseload',
		'/companionship',
		'/training',
		'/safety/alerts'
	],
	professional: [
		'/home',
		'/notifications',
		'/groups',
		'/network/facilitate',
		'/plans',
		'/supporting',
		'/cohorts',
		'/caseload',
		'/safety/alerts'
	],
	moderator: ['/home', '/notifications', '/groups', '/safety/alerts', '/moderation'],
	site_admin: [
		'/home',
		'/notifications',
		'/companionship',
		'/safety/alerts',
		'/admin/people',
		'/admin/site',
		'/admin/safety',
		'/admin/courses',
		'/admin/programmes',
		'/admin/companionship',
		'/admin/resources',
		'/admin/audit',
		'/admin/outbox',
		'/admin/jobs',
		'/admin/instruments'
	],
	researcher: ['/home', '/notifications'],
	content_editor: ['/home', '/notifications', '/admin/courses', '/admin/programmes'],
	platform_admin: [
		'/home',
		'/notifications',
		'/platform/sites',
		'/platform/people',
		'/platform/denials'
	]
};

describe('the menu', () => {
	it('covers every role', () => {
		expect(Object.keys(expected).sort()).toEqual([...siteRoles, 'platform_admin'].sort());
	});

	it.each(Object.entries(expected))('of a %s shows what is built for them', (role, menu) => {
		const actor =
			role === 'platform_admin' ? actorWith([], true, true) : actorWith([role as SiteRole]);
		expect(menuOf(actor)).toEqual(menu);
	});

	it('joins the menus of a person with two roles, each page once', () => {
		expect(menuOf(actorWith(['member', 'peer_worker']))).toEqual([
			'/home',
			'/notifications',
			'/courses',
			'/goals',
			'/groups',
			'/network',
			'/network/facilitate',
			'/checkins',
			'/plans',
			'/supporting',
			'/cohorts',
			'/caseload',
			'/companionship',
			'/care-team',
			'/training',
			'/safety/alerts'
		]);
	});

	it('shows staff who still need a second factor nothing but what they may open', () => {
		// A platform admin always needs one; until it is on, every menu page is closed to them.
		expect(menuOf(actorWith([], true, false))).toEqual([]);
	});

	it('links to real pages only: a built capability’s pages have rules, a planned one has none', () => {
		for (const item of navItems) {
			const built = capabilities[item.capability].built;
			expect(item.href in routeRules, `${item.href} (${item.capability})`).toBe(built);
		}
	});

	it('never offers a capability that is not built, on any site', () => {
		const planned = (Object.keys(capabilities) as CapabilityId[]).filter(
			(c) => !capabilities[c].built
		);
		expect(planned.length).toBeGreaterThan(0);
		for (const c of planned) {
			expect(siteOffers(site, c)).toBe(false);
			expect(siteOffers(null, c)).toBe(false);
		}
		expect(siteOffers(site, 'courses')).toBe(true);
	});
});
