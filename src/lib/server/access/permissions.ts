import type { SiteRole } from '../people/people.schema';

/** Everything a person may be allowed to do. Nothing is allowed unless a role below grants it. */
export const permissions = [
	'member.space',
	'carer.space',
	'peer.work',
	'clinical.caseload',
	'moderation.queue',
	'site.people',
	'site.settings',
	'site.audit',
	'site.outbox',
	'content.edit',
	'groups.manage',
	'research.studies',
	'platform.sites'
] as const;
export type Permission = (typeof permissions)[number];

const byRole: Record<SiteRole, readonly Permission[]> = {
	member: ['member.space'],
	carer: ['carer.space'],
	peer_worker: ['peer.work'],
	professional: ['clinical.caseload'],
	moderator: ['moderation.queue'],
	site_admin: [
		'site.people',
		'site.settings',
		'site.audit',
		'site.outbox',
		'content.edit',
		'groups.manage'
	],
	researcher: ['research.studies'],
	content_editor: ['content.edit']
};

/** Platform admins create sites; they see no clinical content by default. */
const platformAdmin: readonly Permission[] = ['platform.sites'];

/** Roles that work with other people's data: they enrol a second factor first. */
export const staffRoles: readonly SiteRole[] = [
	'peer_worker',
	'professional',
	'moderator',
	'site_admin',
	'researcher',
	'content_editor'
];

export function permissionsOf(
	roles: readonly SiteRole[],
	isPlatformAdmin: boolean
): Set<Permission> {
	const set = new Set<Permission>();
	for (const role of roles) for (const p of byRole[role]) set.add(p);
	if (isPlatformAdmin) for (const p of platformAdmin) set.add(p);
	return set;
}

export const isStaff = (roles: readonly SiteRole[], isPlatformAdmin: boolean): boolean =>
	isPlatformAdmin || roles.some((r) => staffRoles.includes(r));
