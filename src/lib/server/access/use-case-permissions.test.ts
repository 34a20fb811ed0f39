import { describe, expect, it } from 'vitest';
import { siteRoles, type SiteRole } from '../people/people.schema';
import { buildActorAccess, type Actor } from './actor';
import { mayUse, requireUseCase, useCasePermissions, type UseCase } from './use-case-permissions';

const actorWith = (roles: SiteRole[], isPlatformAdmin = false, twoFactorEnabled = true): Actor => ({
	userId: 'u1',
	sessionId: 's1',
	sessionToken: 't1',
	email: 'a@example.org',
	name: 'A',
	isPlatformAdmin,
	twoFactorEnabled,
	site: null,
	roles,
	sites: [],
	ip: null,
	...buildActorAccess({ roles, isPlatformAdmin, twoFactorEnabled, site: null })
});

const useCases = Object.keys(useCasePermissions) as UseCase[];
const reachable = (actor: Actor | null): UseCase[] => useCases.filter((u) => mayUse(actor, u));

// The specification: what each role may use. Everything not listed is "not found" for that role.
const expected: Record<SiteRole | 'platform_admin', UseCase[]> = {
	member: [
		'goals.own',
		'plans.own',
		'groups.use',
		'groups.take_part',
		'companionship.member',
		'resources.own',
		'network.own',
		'courses.learn',
		'care_team.own',
		'outcomes.answer'
	],
	carer: ['goals.read_shared', 'plans.read_shared', 'network.read_shared'],
	peer_worker: [
		'goals.read_shared',
		'plans.read_shared',
		'groups.use',
		'groups.facilitate',
		'groups.open',
		'cohorts.facilitate',
		'safety.alerts',
		'companionship.companion',
		'care_team.caseload',
		'network.read_shared',
		'network.facilitate'
	],
	professional: [
		'goals.read_shared',
		'plans.read_shared',
		'plans.edit_shared',
		'groups.use',
		'groups.facilitate',
		'cohorts.facilitate',
		'safety.alerts',
		'care_team.manage',
		'care_team.caseload',
		'network.read_shared',
		'network.facilitate',
		'outcomes.caseload'
	],
	moderator: [
		'groups.use',
		'groups.moderate',
		'moderation.queue',
		'moderation.backlog',
		'safety.alerts'
	],
	site_admin: [
		'groups.open',
		'groups.close_any',
		'programmes.edit',
		'programmes.manage',
		'companionship.coordinate',
		'moderation.backlog',
		'safety.alerts',
		'resources.manage',
		'courses.edit',
		'people.manage',
		'care_team.manage',
		'care_team.answer',
		'site.settings',
		'site.audit',
		'site.outbox',
		'site.jobs',
		'outcomes.manage'
	],
	researcher: [],
	content_editor: ['programmes.edit', 'courses.edit'],
	platform_admin: ['platform.denials', 'platform.people', 'platform.sites']
};

describe('use-case permissions', () => {
	it('covers every role', () => {
		expect(Object.keys(expected).sort()).toEqual([...siteRoles, 'platform_admin'].sort());
	});

	it.each(Object.entries(expected))('%s reaches exactly its use cases', (role, useCases) => {
		const actor = role === 'platform_admin' ? actorWith([], true) : actorWith([role as SiteRole]);
		expect(reachable(actor).sort()).toEqual([...useCases].sort());
	});

	it('denies by default: no actor, no role, or staff without their second factor', () => {
		expect(reachable(null)).toEqual([]);
		expect(reachable(actorWith([]))).toEqual([]);
		expect(reachable(actorWith(['peer_worker'], false, false))).toEqual([]);
	});

	it('answers a refusal as "not found"', () => {
		expect(() => requireUseCase(actorWith(['member']), 'people.manage')).toThrow(
			expect.objectContaining({ code: 'not_found' })
		);
		expect(() => requireUseCase(actorWith(['member']), 'goals.own')).not.toThrow();
	});
});
