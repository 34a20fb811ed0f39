// Closing a group ends it for good. What a closed group still allows, and why:
// - Members keep read-only access to what the group made together: the overview, the session list
//   (with cancelled sessions struck through), the board history and their calendar feed. It is
//   their record of the course, and losing it the moment facilitators close the group would feel
//   like being removed. They may still leave, report a post or block someone (safety first), and
//   moderators may still hide posts. Nobody — facilitators included — may post, reply, react or
//   write in a live room (see can-post.ts).
// - Nobody new comes in: joining, asking, inviting and answering invitations are refused with a
//   message (enrolment.ts, assertEnrolmentOpen); requests, waitlist places and invitations are
//   withdrawn here, and the people affected see that on their groups page.
// - Sessions still ahead are cancelled and a live room that is open is ended, so reminders and
//   the calendar feed stop announcing them; the reminder job also skips closed groups.
// - Closing cannot be undone: cancelled sessions and withdrawn requests would not come back on
//   their own, so a "reopened" group would not be the group people knew. Open a new group instead.
// The reason is one of a fixed list: it goes into the audit record, which never holds free text
// (it could hold personal data), and there is no column for a note on the group itself.
import { z } from 'zod';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { groupMembers, groups, groupSessions } from './groups.schema';
import { sessionRooms } from '../live-room/live-room.schema';
import { facilitatedGroup, type Group } from './group-access';
import { lockGroup } from './enrolment';
import { announceMembershipChange, announceSessionState } from '../realtime/room-events';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const closeReasons = [
	'course_ended',
	'too_few_members',
	'no_facilitators',
	'safety',
	'other'
] as const;
export type CloseReason = (typeof closeReasons)[number];

const ticked = z.preprocess(
	(v) => v === 'on' || v === 'true' || v === true,
	z.literal(true, 'groups_err_close_confirm')
);

export const ZCloseGroupInput = z.object({
	groupId: zId,
	reason: z.enum(closeReasons, 'groups_err_close_reason'),
	/** The confirm step: the person ticks that they understand closing is final. */
	confirm: ticked
});
export type TCloseGroupInput = z.input<typeof ZCloseGroupInput>;

export type CloseResult = { cancelledSessions: number; endedSessions: number; withdrawn: number };

/**
 * A facilitator of the group, or a site admin (groups.manage), closes it: see the file comment for
 * everything that follows. Closing twice is refused with a message. Audited, with the reason.
 */
export async function closeGroup({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TCloseGroupInput;
	now?: Date;
}): Promise<CloseResult> {
	const data = parseInput(ZCloseGroupInput, input);
	return db.transaction(async (tx) => {
		const { closer, group, as } = await closerOf(tx, actor, data.groupId);
		if (group.closedAt) throw new AppError('conflict', { _: 'groups_err_already_closed' });
		await tx.update(groups).set({ closedAt: now }).where(eq(groups.id, group.id));
		const cancelled = await tx
			.update(groupSessions)
			.set({ status: 'cancelled' })
			.where(
				and(
					eq(groupSessions.groupId, group.id),
					eq(groupSessions.status, 'scheduled'),
					gt(groupSessions.startsAt, now)
				)
			)
			.returning({ id: groupSessions.id });
		const ended = await tx
			.update(groupSessions)
			.set({ status: 'closed', timerEndsAt: null })
			.where(and(eq(groupSessions.groupId, group.id), eq(groupSessions.status, 'open')))
			.returning({ id: groupSessions.id });
		if (ended.length > 0)
			await tx
				.update(sessionRooms)
				.set({ closedAt: now })
				.where(
					and(
						inArray(
							sessionRooms.sessionId,
							ended.map((s) => s.id)
						),
						isNull(sessionRooms.closedAt)
					)
				);
		// updatedAt is the instant of closing: that is how a withdrawal is told apart from leaving.
		const withdrawn = await tx
			.update(groupMembers)
			.set({ status: 'left', updatedAt: now })
			.where(
				and(
					eq(groupMembers.groupId, group.id),
					inArray(groupMembers.status, ['waitlisted', 'requested', 'invited'])
				)
			)
			.returning({ userId: groupMembers.userId });
		for (const s of ended) await announceSessionState(tx, group.id, s.id);
		await announceMembershipChange(tx, group.id);
		const result = {
			cancelledSessions: cancelled.length,
			endedSessions: ended.length,
			withdrawn: withdrawn.length
		};
		await recordActorAudit(tx, closer, {
			action: 'group.close',
			entityType: 'group',
			entityId: group.id,
			details: { reason: data.reason, as, ...result }
		});
		return result;
	});
}

/** The group, locked, if the actor may close it: a site admin of its site, or a facilitator. */
async function closerOf(
	tx: Tx,
	actor: Actor | null,
	groupId: string
): Promise<{ closer: Actor; group: Group; as: 'site_admin' | 'facilitator' }> {
	if (actor && mayUse(actor, 'groups.close_any')) {
		const group = await lockGroup(tx, requireSite(actor).id, groupId);
		return { closer: actor, group, as: 'site_admin' };
	}
	const access = await facilitatedGroup(tx, actor, groupId);
	const group = await lockGroup(tx, access.site.id, access.group.id);
	return { closer: access.actor, group, as: 'facilitator' };
}
