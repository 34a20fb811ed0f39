import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import {
	admit,
	assertEnrolmentOpen,
	lockGroup,
	membershipOf,
	promoteWaitlist,
	requireMember,
	setStatus
} from './enrolment';
import { recordActorAudit } from '../audit/record-audit';

export type JoinResult = 'member' | 'waitlisted' | 'requested';

/**
 * A member joins an open group (a place if there is one, otherwise the waitlist) or asks to join a
 * group that enrols by request. A closed group refuses with a message; groups by invitation and
 * people removed from the group are "not found". Joining again changes nothing. Audited.
 */
export async function joinGroup({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string };
}): Promise<JoinResult> {
	const { actor, site } = requireMember(given);
	return db.transaction(async (tx) => {
		const group = await lockGroup(tx, site.id, input.groupId);
		const mine = await membershipOf(tx, group.id, actor.userId);
		if (mine?.status === 'member' || mine?.status === 'waitlisted' || mine?.status === 'requested')
			return mine.status;
		assertEnrolmentOpen(group, mine);
		if (mine?.status === 'removed') throw notFound();
		let status: JoinResult;
		if (mine?.status === 'invited') status = await admit(tx, group, actor.userId);
		else if (group.enrolment === 'open') status = await admit(tx, group, actor.userId);
		else if (group.enrolment === 'request') {
			await setStatus(tx, group.id, actor.userId, 'requested');
			status = 'requested';
		} else throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'group.join',
			entityType: 'group',
			entityId: group.id,
			details: { status }
		});
		return status;
	});
}

/**
 * A person leaves a group (or withdraws their request, waitlist place or invitation); the first
 * person on the waitlist takes a freed place. A member may leave a closed group too (and so give
 * up reading its history); anyone else there was already withdrawn when it closed. Audited.
 */
export async function leaveGroup({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string };
}): Promise<void> {
	const { actor, site } = requireMember(given);
	await db.transaction(async (tx) => {
		const group = await lockGroup(tx, site.id, input.groupId);
		const mine = await membershipOf(tx, group.id, actor.userId);
		if (mine?.status !== 'member') assertEnrolmentOpen(group, mine);
		const active = ['member', 'waitlisted', 'requested', 'invited'];
		if (!mine || !active.includes(mine.status)) throw notFound();
		await setStatus(tx, group.id, actor.userId, 'left');
		const promoted = group.closedAt ? [] : await promoteWaitlist(tx, group);
		await recordActorAudit(tx, actor, {
			action: 'group.leave',
			entityType: 'group',
			entityId: group.id,
			details: { from: mine.status, promoted: promoted.length }
		});
	});
}
