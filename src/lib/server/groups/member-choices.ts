// What a member decides about their own place in a group: answer an invitation, accept the group
// agreement, and choose how they are reminded. One file: each is a few lines over the same checks.
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupMembers } from './groups.schema';
import { groupFor } from './group-access';
import {
	admit,
	assertEnrolmentOpen,
	lockGroup,
	membershipOf,
	requireMember,
	setStatus
} from './enrolment';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

/**
 * An invited member accepts (a place, or the waitlist when full) or declines. In a closed group
 * the invitation was withdrawn: refused with a message. Audited.
 */
export async function respondToInvitation({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string; accept: boolean };
}): Promise<'member' | 'waitlisted' | 'declined'> {
	const { actor, site } = requireMember(given);
	return db.transaction(async (tx) => {
		const group = await lockGroup(tx, site.id, input.groupId);
		const row = await membershipOf(tx, group.id, actor.userId);
		assertEnrolmentOpen(group, row);
		if (row?.status !== 'invited') throw notFound();
		let status: 'member' | 'waitlisted' | 'declined' = 'declined';
		if (input.accept) status = await admit(tx, group, actor.userId);
		else await setStatus(tx, group.id, actor.userId, 'declined');
		await recordActorAudit(tx, actor, {
			action: input.accept ? 'group.invitation_accept' : 'group.invitation_decline',
			entityType: 'group',
			entityId: group.id,
			details: { status }
		});
		return status;
	});
}

/** A member accepts the group agreement; from then on they may post in the group. Audited. */
export async function acceptAgreement({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string };
}): Promise<void> {
	await db.transaction(async (tx) => {
		const access = await groupFor(tx, actor, input.groupId);
		if (access.role !== 'member') throw notFound();
		const now = new Date();
		await tx
			.update(groupMembers)
			.set({ agreementAcceptedAt: now })
			.where(
				and(eq(groupMembers.groupId, access.group.id), eq(groupMembers.userId, access.actor.userId))
			);
		await recordActorAudit(tx, access.actor, {
			action: 'group.agreement_accept',
			entityType: 'group',
			entityId: access.group.id
		});
	});
}

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
export const ZReminderPrefsInput = z.object({
	groupId: zId,
	inApp: checkbox,
	email: checkbox
});

/** A member (or someone waiting for a place) turns in-app and email reminders on or off. */
export async function setReminderPrefs({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZReminderPrefsInput>;
}): Promise<void> {
	const { actor, site } = requireMember(given);
	const data = parseInput(ZReminderPrefsInput, input);
	await db.transaction(async (tx) => {
		const group = await lockGroup(tx, site.id, data.groupId);
		const row = await membershipOf(tx, group.id, actor.userId);
		if (!row || !['member', 'waitlisted'].includes(row.status)) throw notFound();
		await tx
			.update(groupMembers)
			// updatedAt stays: it orders the waitlist, and settings must not cost a place in it.
			.set({ remindersInApp: data.inApp, remindersEmail: data.email })
			.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, actor.userId)));
		await recordActorAudit(tx, actor, {
			action: 'group.reminder_prefs',
			entityType: 'group',
			entityId: group.id,
			details: { inApp: data.inApp, email: data.email }
		});
	});
}
