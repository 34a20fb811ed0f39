// What facilitators do about who is in their group: answer requests, invite members of the site by
// email, and remove someone. One file because the three share their checks and are each short.
import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { user } from '../db/auth.schema';
import { memberships } from '../people/people.schema';
import { activeMembershipOn } from '../people/site-roles';
import { zEmail } from '../account/account.validation';
import { facilitatedGroup } from './group-access';
import { admit, lockGroup, membershipOf, promoteWaitlist, setStatus } from './enrolment';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZDecideRequestInput = z.object({
	groupId: zId,
	userId: zId,
	decision: z.enum(['approve', 'decline'], 'err_invalid')
});

/**
 * A facilitator approves (a place, or the waitlist when full) or declines a request. In a closed
 * group every request was withdrawn: refused with a message. Audited.
 */
export async function decideRequest({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZDecideRequestInput>;
}): Promise<'member' | 'waitlisted' | 'declined'> {
	const data = parseInput(ZDecideRequestInput, input);
	return db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId);
		const group = await lockGroup(tx, access.site.id, access.group.id);
		if (group.closedAt) throw new AppError('conflict', { _: 'groups_err_closed_enrolment' });
		const row = await membershipOf(tx, group.id, data.userId);
		if (row?.status !== 'requested') throw notFound();
		let status: 'member' | 'waitlisted' | 'declined' = 'declined';
		if (data.decision === 'approve') status = await admit(tx, group, data.userId);
		else await setStatus(tx, group.id, data.userId, 'declined');
		await recordActorAudit(tx, access.actor, {
			action: `group.request_${data.decision}`,
			entityType: 'group',
			entityId: group.id,
			details: { userId: data.userId, status }
		});
		return status;
	});
}

export const ZInviteMemberInput = z.object({ groupId: zId, email: zEmail });

/**
 * A facilitator invites a member of the site by their email: they see the invitation on their
 * groups page and accept or decline it. Audited.
 */
export async function inviteMember({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZInviteMemberInput>;
}): Promise<void> {
	const data = parseInput(ZInviteMemberInput, input);
	await db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId);
		const group = await lockGroup(tx, access.site.id, access.group.id);
		if (group.closedAt) throw new AppError('conflict', { email: 'groups_err_closed_enrolment' });
		const [person] = await tx
			.select({ id: user.id })
			.from(user)
			.innerJoin(memberships, eq(memberships.userId, user.id))
			.where(
				and(
					eq(sql`lower(${user.email})`, data.email.toLowerCase()),
					activeMembershipOn(access.site.id),
					eq(memberships.role, 'member')
				)
			)
			.limit(1);
		if (!person) throw new AppError('invalid_input', { email: 'groups_err_invite_unknown' });
		const row = await membershipOf(tx, group.id, person.id);
		if (row?.status === 'removed')
			throw new AppError('invalid_input', { email: 'groups_err_invite_removed' });
		if (row && ['member', 'waitlisted', 'requested', 'invited'].includes(row.status))
			throw new AppError('conflict', { email: 'groups_err_invite_already' });
		await setStatus(tx, group.id, person.id, 'invited');
		await recordActorAudit(tx, access.actor, {
			action: 'group.invite',
			entityType: 'group',
			entityId: group.id,
			details: { userId: person.id }
		});
	});
}

export const ZRemoveMemberInput = z.object({ groupId: zId, userId: zId });

/**
 * A facilitator removes someone from the group: they lose access at once, and the first person
 * on the waitlist takes the place. Audited.
 */
export async function removeMember({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZRemoveMemberInput>;
}): Promise<void> {
	const data = parseInput(ZRemoveMemberInput, input);
	await db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId);
		const group = await lockGroup(tx, access.site.id, access.group.id);
		const row = await membershipOf(tx, group.id, data.userId);
		if (!row || row.status === 'removed' || row.status === 'left') throw notFound();
		await setStatus(tx, group.id, data.userId, 'removed');
		const promoted = await promoteWaitlist(tx, group);
		await recordActorAudit(tx, access.actor, {
			action: 'group.remove_member',
			entityType: 'group',
			entityId: group.id,
			details: { userId: data.userId, promoted: promoted.length }
		});
	});
}
