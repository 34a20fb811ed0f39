import { canAny, requireAnyAccess, type Actor } from './actor';
import type { Permission } from './permissions';

/**
 * Who may use what, as data: each entry names a use case (or the family of use cases behind one
 * access helper) and the permissions of which the actor needs any one on their active site. The
 * area helpers read this table rather than combining permissions themselves, and its test states,
 * role by role, which entries each role reaches. Records are still scoped afterwards (a member
 * reaches "goals.own" but only their own goals); a use case missing here cannot be asked for.
 */
export const useCasePermissions = {
	/** A member's own goals and steps. */
	'goals.own': ['member.space'],
	/** Goals members share with the people who support them, read-only. */
	'goals.read_shared': ['carer.space', 'peer.work', 'clinical.caseload'],

	/** A member's own recovery plan and safety plan. */
	'plans.own': ['member.space'],
	/** Plans members share with the people who support them, read-only. */
	'plans.read_shared': ['carer.space', 'peer.work', 'clinical.caseload'],
	/** Working on a safety plan a member shares with their professional, together. */
	'plans.edit_shared': ['clinical.caseload'],

	/** Seeing a peer group at all (groupFor); a professional may co-facilitate as a third. */
	'groups.use': ['member.space', 'peer.work', 'moderation.queue', 'clinical.caseload'],
	/** Taking part as a member: enrolling, joining, reminders, the calendar feed. */
	'groups.take_part': ['member.space'],
	/** Acting as a group's facilitator, where they are listed as one. */
	'groups.facilitate': ['peer.work', 'clinical.caseload'],
	/** Every group of the site, as its moderator. */
	'groups.moderate': ['moderation.queue'],
	'groups.open': ['groups.manage', 'peer.work'],
	/** Closing any group of the site, not only one the actor facilitates. */
	'groups.close_any': ['groups.manage'],
	/** Programme texts are content: content editors write them, site admins (who run groups) too. */
	'programmes.edit': ['content.edit', 'groups.manage'],
	/** Creating and importing programmes, and seeing the groups that run them. */
	'programmes.manage': ['groups.manage'],

	'cohorts.facilitate': ['peer.work', 'clinical.caseload'],

	'moderation.queue': ['moderation.queue'],
	/** How many items wait and for how long, without their content: the site admin watches it. */
	'moderation.backlog': ['moderation.queue', 'site.settings'],

	/**
	 * Safety alerts: the people who hold one (facilitators, professionals), the on-call list
	 * (any staff a site admin names) and site admins (when and how alerts move, not who or what).
	 * Which alerts each sees is decided per alert (safety/alert-access.ts).
	 */
	'safety.alerts': ['peer.work', 'clinical.caseload', 'moderation.queue', 'site.settings'],

	'companionship.member': ['member.space'],
	'companionship.companion': ['peer.work'],
	'companionship.coordinate': ['groups.manage'],

	/** A member's own care team: who is on it, what each sees, asking for a change. */
	'care_team.own': ['member.space'],
	/**
	 * Assigning and handing over a member's team: the site admin, or a professional who is the
	 * member's current care coordinator (checked in the use case).
	 */
	'care_team.manage': ['site.people', 'clinical.caseload'],
	/** Answering members' requests for a change: the site admin. */
	'care_team.answer': ['site.people'],
	/** A supporter's own caseload: the people whose care team they are on. */
	'care_team.caseload': ['peer.work', 'clinical.caseload'],
	/** A member's interests, matches, picks and follow-ups of the resource directory. */
	'resources.own': ['member.space'],
	/** Editing, importing and exporting the site's resource directory and its areas. */
	'resources.manage': ['site.settings'],
	/** A member's own network map, snapshots, sharing and suggestions to approve. */
	'network.own': ['member.space'],
	/** A map a member shares with them: reading it and suggesting additions. */
	'network.read_shared': ['carer.space', 'peer.work', 'clinical.caseload'],
	/** Asking for and running a facilitated mapping session with a member who agrees. */
	'network.facilitate': ['peer.work', 'clinical.caseload'],

	'courses.learn': ['member.space'],

	/** A member's own check-ins: what is due, answering, their own results. */
	'outcomes.answer': ['member.space'],
	/** Importing and publishing instruments, and setting when they are due. */
	'outcomes.manage': ['site.settings'],
	/** Who of the professional's caseload is due or overdue, and their latest scores. */
	'outcomes.caseload': ['clinical.caseload'],
	'courses.edit': ['content.edit'],

	'people.manage': ['site.people'],
	'site.settings': ['site.settings'],
	'site.audit': ['site.audit'],
	'site.outbox': ['site.outbox'],
	/** Work for the site that failed for good (the scheduler's dead jobs). */
	'site.jobs': ['site.settings'],
	'platform.sites': ['platform.sites'],
	'platform.people': ['platform.sites'],
	'platform.denials': ['platform.sites']
} as const satisfies Record<string, readonly Permission[]>;

export type UseCase = keyof typeof useCasePermissions;

/** Whether the actor may use the use case on their active site. */
export const mayUse = (actor: Actor | null, useCase: UseCase): boolean =>
	canAny(actor, useCasePermissions[useCase]);

/** Throws "not found" unless the actor may use the use case: callers cannot tell the two apart. */
export function requireUseCase(actor: Actor | null, useCase: UseCase): asserts actor is Actor {
	requireAnyAccess(actor, useCasePermissions[useCase]);
}
