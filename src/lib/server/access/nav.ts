import { can, type Actor } from './actor';
import { routeRules } from './route-rules';
import type { MessageKey } from '../errors';
import type { Site } from '../sites/sites.schema';

/** A `sites` column that is true or false: what a per-capability switch of a site would be. */
type SiteSwitch = { [K in keyof Site]: Site[K] extends boolean ? K : never }[keyof Site];

/**
 * The parts of Kith a menu leads to. A capability shows in a menu only when it is `built` (its
 * pages exist and do what they say: no "coming soon" pages) and the person's site has it on.
 * `siteSwitch` names the column of `sites` that turns it on or off; sites have no such switches
 * yet, so it is null everywhere and every built capability is on. When one is added, name its
 * column here. The unit test holds `built` to the truth: a built capability's pages have rules,
 * a planned one has no pages.
 */
export const capabilities = {
	home: { built: true, siteSwitch: null },
	notifications: { built: true, siteSwitch: null },
	courses: { built: true, siteSwitch: null },
	goals: { built: true, siteSwitch: null },
	groups: { built: true, siteSwitch: null },
	cohorts: { built: true, siteSwitch: null },
	companionship: { built: true, siteSwitch: null },
	supervision: { built: true, siteSwitch: null },
	safetyAlerts: { built: true, siteSwitch: null },
	moderation: { built: true, siteSwitch: null },
	siteAdmin: { built: true, siteSwitch: null },
	platform: { built: true, siteSwitch: null },
	messages: { built: false, siteSwitch: null },
	network: { built: true, siteSwitch: null },
	checkins: { built: true, siteSwitch: null },
	plans: { built: true, siteSwitch: null },
	carerSharing: { built: false, siteSwitch: null },
	careTeam: { built: true, siteSwitch: null },
	caseload: { built: true, siteSwitch: null },
	appointments: { built: false, siteSwitch: null },
	research: { built: false, siteSwitch: null }
} as const satisfies Record<string, { built: boolean; siteSwitch: SiteSwitch | null }>;

export type CapabilityId = keyof typeof capabilities;

/** One entry of the app shell's navigation; `label` is a message key. */
export type NavItem = { href: string; label: MessageKey; capability: CapabilityId };

/** Every menu entry, in the order menus show them. */
export const navItems: readonly NavItem[] = [
	{ href: '/home', label: 'nav_home', capability: 'home' },
	{ href: '/notifications', label: 'notif_nav', capability: 'notifications' },
	{ href: '/courses', label: 'nav_courses', capability: 'courses' },
	{ href: '/goals', label: 'nav_goals', capability: 'goals' },
	{ href: '/groups', label: 'nav_groups', capability: 'groups' },
	{ href: '/messages', label: 'nav_messages', capability: 'messages' },
	{ href: '/network', label: 'nav_network', capability: 'network' },
	{ href: '/network/facilitate', label: 'net_fac_nav', capability: 'network' },
	{ href: '/checkins', label: 'nav_checkins', capability: 'checkins' },
	{ href: '/plans', label: 'nav_plans', capability: 'plans' },
	{ href: '/shared', label: 'nav_shared', capability: 'carerSharing' },
	{ href: '/supporting', label: 'nav_supporting', capability: 'goals' },
	{ href: '/cohorts', label: 'nav_cohorts', capability: 'cohorts' },
	{ href: '/caseload', label: 'nav_caseload', capability: 'caseload' },
	{ href: '/appointments', label: 'nav_appointments', capability: 'appointments' },
	{ href: '/companionship', label: 'nav_companionship', capability: 'companionship' },
	{ href: '/care-team', label: 'care_nav', capability: 'careTeam' },
	{ href: '/training', label: 'nav_training', capability: 'supervision' },
	{ href: '/safety/alerts', label: 'salert_nav', capability: 'safetyAlerts' },
	{ href: '/moderation', label: 'nav_moderation', capability: 'moderation' },
	{ href: '/research', label: 'nav_research', capability: 'research' },
	{ href: '/admin/people', label: 'nav_admin_people', capability: 'siteAdmin' },
	{ href: '/admin/site', label: 'nav_admin_site', capability: 'siteAdmin' },
	{ href: '/admin/safety', label: 'nav_admin_safety', capability: 'siteAdmin' },
	{ href: '/admin/courses', label: 'nav_admin_courses', capability: 'courses' },
	{ href: '/admin/programmes', label: 'nav_admin_programmes', capability: 'groups' },
	{ href: '/admin/companionship', label: 'nav_admin_companionship', capability: 'companionship' },
	{ href: '/admin/resources', label: 'res_admin_title', capability: 'siteAdmin' },
	{ href: '/admin/audit', label: 'nav_admin_audit', capability: 'siteAdmin' },
	{ href: '/admin/outbox', label: 'nav_admin_outbox', capability: 'siteAdmin' },
	{ href: '/admin/jobs', label: 'jobs_nav', capability: 'siteAdmin' },
	{ href: '/admin/instruments', label: 'out_nav_admin', capability: 'checkins' },
	{ href: '/platform/sites', label: 'nav_platform_sites', capability: 'platform' },
	{ href: '/platform/people', label: 'nav_platform_people', capability: 'platform' },
	{ href: '/platform/denials', label: 'denial_nav', capability: 'platform' }
];

/** Whether a site offers a capability: built, and switched on for the site if it has a switch. */
export function siteOffers(site: Site | null, capability: CapabilityId): boolean {
	const { built, siteSwitch } = capabilities[capability];
	if (!built) return false;
	// A platform admin without a site role works on no site: only platform pages apply to them.
	return siteSwitch === null || site === null || site[siteSwitch];
}

/** Whether the route rules let this person open a page. */
function mayOpen(actor: Actor, href: string): boolean {
	const rule = routeRules[href];
	if (!rule) return false;
	if (rule.access === 'public') return true;
	if (rule.access === 'signed-in') return rule.early || !actor.needsSecondFactor;
	return rule.anyOf.some((p) => can(actor, p));
}

/** The navigation a person sees: what their site offers of what their rules let them open. */
export function navFor(actor: Actor): NavItem[] {
	return navItems.filter(
		(item) => siteOffers(actor.site, item.capability) && mayOpen(actor, item.href)
	);
}
