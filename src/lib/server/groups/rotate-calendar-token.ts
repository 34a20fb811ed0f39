import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groupMembers } from './groups.schema';
import { lockGroup, newCalendarToken, requireMember } from './enrolment';
import { recordActorAudit } from '../audit/record-audit';

/**
 * A member (or someone on the waitlist, whose feed starts with their place) replaces the secret of
 * their personal calendar feed, e.g. after sharing its address by mistake. The old address answers
 * "not found" from the moment this commits, like a token nobody ever had. Allowed in a closed
 * group too: the feed still shows the sessions that took place. Audited (never the token itself).
 */
export async function rotateCalendarToken({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string };
}): Promise<{ calendarToken: string }> {
	const { actor, site } = requireMember(given);
	return db.transaction(async (tx) => {
		const group = await lockGroup(tx, site.id, input.groupId);
		const calendarToken = newCalendarToken();
		// updatedAt stays: it orders the waitlist, and a new address must not cost a place in it.
		const [row] = await tx
			.update(groupMembers)
			.set({ calendarToken })
			.where(
				and(
					eq(groupMembers.groupId, group.id),
					eq(groupMembers.userId, actor.userId),
					inArray(groupMembers.status, ['member', 'waitlisted'])
				)
			)
			.returning({ userId: groupMembers.userId });
		if (!row) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'group.calendar_rotate',
			entityType: 'group',
			entityId: group.id
		});
		return { calendarToken };
	});
}
