import type { SiteRole } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';
import { isStaff, permissionsOf, type Permission } from './permissions';
import { notFound } from '../errors';

export type SiteSummary = { id: string; slug: string; name: string; roles: SiteRole[] };

/** The signed-in person as one request sees them; built only in hooks.server.ts. */
export type Actor = {
	userId: string;
	sessionId: string;
	sessionToken: string;
	email: string;
	name: string;
	isPlatformAdmin: boolean;
	twoFactorEnabled: boolean;
	/** The site this session works in; null for a platform admin with no site role. */
	site: Site | null;
	/** Roles on the active site. */
	roles: SiteRole[];
	/** Every site this person belongs to, for the site switcher. */
	sites: SiteSummary[];
	permissions: Set<Permission>;
	/** Staff on a site that requires a second factor, who have not enrolled one yet. */
	needsSecondFactor: boolean;
	ip: string | null;
};

export function buildActorAccess(input: {
	roles: SiteRole[];
	isPlatformAdmin: boolean;
	twoFactorEnabled: boolean;
	site: Site | null;
}): { permissions: Set<Permission>; needsSecondFactor: boolean } {
	const staff = isStaff(input.roles, input.isPlatformAdmin);
	const siteRequires = input.site ? input.site.requireStaffSecondFactor : true;
	return {
		permissions: permissionsOf(input.roles, input.isPlatformAdmin),
		needsSecondFactor: staff && siteRequires && !input.twoFactorEnabled
	};
}

export const can = (actor: Actor | null, permission: Permission): boolean =>
	!!actor && !actor.needsSecondFactor && actor.permissions.has(permission);

/** Whether the actor holds at least one of the permissions on their active site. */
export const canAny = (actor: Actor | null, permissions: readonly Permission[]): boolean =>
	permissions.some((p) => can(actor, p));

/** Throws "not found" unless the actor holds the permission: callers cannot tell the two apart. */
export function requireAccess(actor: Actor | null, permission: Permission): asserts actor is Actor {
	requireAnyAccess(actor, [permission]);
}

/** Throws "not found" unless the actor holds at least one of the permissions (none: never). */
export function requireAnyAccess(
	actor: Actor | null,
	permissions: readonly Permission[]
): asserts actor is Actor {
	if (!canAny(actor, permissions)) throw notFound();
}

/** The actor's active site, or "not found" when a site-scoped action has no site. */
export function requireSite(actor: Actor): Site {
	if (!actor.site) throw notFound();
	return actor.site;
}

/** The role named in audit records: the most privileged role the actor acts with here. */
export function actingRole(actor: Actor | null): string | null {
	if (!actor) return null;
	if (actor.isPlatformAdmin && actor.roles.length === 0) return 'platform_admin';
	const order: SiteRole[] = [
		'site_admin',
		'professional',
		'moderator',
		'researcher',
		'content_editor',
		'peer_worker',
		'carer',
		'member'
	];
	return (
		order.find((r) => actor.roles.includes(r)) ?? (actor.isPlatformAdmin ? 'platform_admin' : null)
	);
}

/** The actor of a route whose rule already demands a signed-in person. */
export function requireSignedIn(actor: Actor | null): Actor {
	if (!actor) throw notFound();
	return actor;
}
