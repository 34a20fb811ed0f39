import { can, type Actor } from './actor';
import { routeRules } from './route-rules';
import type { MessageKey } from '../errors';

/** One entry of the app shell's navigation; `label` is a message key. */
export type NavItem = { href: string; label: MessageKey };

const items: NavItem[] = [
	{ href: '/home', label: 'nav_home' },
	{ href: '/notifications', label: 'notif_nav' },
	{ href: '/courses', label: 'nav_courses' },
	{ href: '/goals', label: 'nav_goals' },
	{ href: '/groups', label: 'nav_groups' },
	{ href: '/messages', label: 'nav_messages' },
	{ href: '/network', label: 'nav_network' },
	{ href: '/checkins', label: 'nav_checkins' },
	{ href: '/plans', label: 'nav_plans' },
	{ href: '/shared', label: 'nav_shared' },
	{ href: '/supporting', label: 'nav_supporting' },
	{ href: '/cohorts', label: 'nav_cohorts' },
	{ href: '/caseload', label: 'nav_caseload' },
	{ href: '/appointments', label: 'nav_appointments' },
	{ href: '/companionship', label: 'nav_companionship' },
	{ href: '/training', label: 'nav_training' },
	{ href: '/moderation', label: 'nav_moderation' },
	{ href: '/research', label: 'nav_research' },
	{ href: '/admin/people', label: 'nav_admin_people' },
	{ href: '/admin/site', label: 'nav_admin_site' },
	{ href: '/admin/safety', label: 'nav_admin_safety' },
	{ href: '/admin/courses', label: 'nav_admin_courses' },
	{ href: '/admin/programmes', label: 'nav_admin_programmes' },
	{ href: '/admin/companionship', label: 'nav_admin_companionship' },
	{ href: '/admin/audit', label: 'nav_admin_audit' },
	{ href: '/admin/outbox', label: 'nav_admin_outbox' },
	{ href: '/admin/jobs', label: 'jobs_nav' },
	{ href: '/platform/sites', label: 'nav_platform_sites' },
	{ href: '/platform/people', label: 'nav_platform_people' }
];

/** The navigation a person sees: exactly the routes their rules let them open. */
export function navFor(actor: Actor): NavItem[] {
	return items.filter((item) => {
		const rule = routeRules[item.href];
		if (!rule) return false;
		if (rule.access === 'public') return true;
		if (rule.access === 'signed-in') return rule.early || !actor.needsSecondFactor;
		return rule.anyOf.some((p) => can(actor, p));
	});
}
