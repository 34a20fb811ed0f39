// Shared steps of enrolment: finding a group a member may ask to join, counting places, and moving
// the waitlist up. Every caller holds the group row locked (select … for update) in its
// transaction, so two people can never take the last place at once.
import { announceMembershipChange } from '../realtime/room-events';
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError, notFound } from '../errors';
import type { Site } from '../sites/sites.schema';
import { groupMembers, groups } from './groups.schema';
import type { Group, GroupMembership } from './group-access';
import { isUuid } from '../validation';

/** A secret for a member's personal calendar feed. */
export const newCalendarToken = (): string => randomBytes(24).toString('base64url');

/** A group of the site, locked for the rest of the transaction, or "not found". */
export async function lockGroup(tx: Tx, siteId: string, groupId: string): Promise<Group> {
	if (!isUuid(groupId)) throw notFound();
	const [group] = await tx
		.select()
		.from(groups)
		.where(and(eq(groups.id, groupId), eq(groups.siteId, siteId)))
		.for('update')
		.limit(1);
	if (!group) throw notFound();
	return group;
}

/**
 * Refuses any step of enrolment (join, ask, answer an invitation, decide, withdraw) in a closed
 * group with a message the person can read at the top of the form. Someone removed from the
 * group, or a stranger to a group by invitation, still gets "not found": closing reveals nothing.
 */
export function assertEnrolmentOpen(group: Group, mine: GroupMembership | undefined): void {
	if (!group.closedAt) return;
	if (mine?.status === 'removed' || (!mine && group.enrolment === 'invitation')) throw notFound();
	throw new AppError('conflict', { _: 'groups_err_closed_enrolment' });
}

/**
 * Whether closing the group withdrew this person's request, waitlist place or invitation:
 * closeGroup sets their status to `left` with the very instant of closing as updatedAt, and no
 * later step can touch the row of a closed group, so the two stay equal for good.
 */
export const withdrawnByClosing = (group: Group, mine: GroupMembership | undefined): boolean =>
	!!group.closedAt &&
	mine?.status === 'left' &&
	mine.updatedAt.getTime() === group.closedAt.getTime();

/** The actor as a member of their site (the only people who enrol), or "not found". */
export function requireMember(actor: Actor | null): { actor: Actor; site: Site } {
	requireUseCase(actor, 'groups.take_part');
	return { actor, site: requireSite(actor) };
}

export async function membershipOf(
	tx: Tx,
	groupId: string,
	userId: string
): Promise<GroupMembership | undefined> {
	const [row] = await tx
		.select()
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
		.limit(1);
	return row;
}

/** Places left in a group: its capacity minus its members. */
export async function placesLeft(tx: Tx | Db, group: Group): Promise<number> {
	const [row] = await tx
		.select({ n: count() })
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, 'member')));
	return Math.max(0, group.capacity - Number(row?.n ?? 0));
}

/** Sets a person's status in a group, creating their row (with a calendar token) if needed. */
export async function setStatus(
	tx: Tx,
	groupId: string,
	userId: string,
	status: GroupMembership['status']
): Promise<void> {
	const now = new Date();
	await tx
		.insert(groupMembers)
		.values({ groupId, userId, status, calendarToken: newCalendarToken() })
		.onConflictDoUpdate({
			target: [groupMembers.groupId, groupMembers.userId],
			set: { status, updatedAt: now }
		});
	// Open live-room streams re-check access as soon as this commits, on every instance.
	await announceMembershipChange(tx, groupId);
}

/** A member if there is a place, otherwise waitlisted. */
export async function admit(
	tx: Tx,
	group: Group,
	userId: string
): Promise<'member' | 'waitlisted'> {
	const status = (await placesLeft(tx, group)) > 0 ? 'member' : 'waitlisted';
	await setStatus(tx, group.id, userId, status);
	return status;
}

/** Fills free places from the waitlist, longest waiting first; returns who moved up. */
export async function promoteWaitlist(tx: Tx, group: Group): Promise<string[]> {
	const free = await placesLeft(tx, group);
	if (free === 0) return [];
	const waiting = await tx
		.select({ userId: groupMembers.userId })
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, 'waitlisted')))
		.orderBy(asc(groupMembers.updatedAt), asc(groupMembers.createdAt))
		.limit(free);
	for (const w of waiting) await setStatus(tx, group.id, w.userId, 'member');
	return waiting.map((w) => w.userId);
}
