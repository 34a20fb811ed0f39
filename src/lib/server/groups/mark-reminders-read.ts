import { z } from 'zod';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { groups, groupSessions, reminderDeliveries } from './groups.schema';
import { requireMember } from './enrolment';
import { isUuid, parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { notifications } from '../notifications/notifications.schema';
import { GROUP_REMINDER } from './reminder-notifications';

export const ZMarkRemindersReadInput = z.object({
	/** One reminder; left out, every unread in-app reminder of the member is marked. */
	reminderId: z.preprocess((v) => (v === '' ? undefined : v), zId.optional())
});
export type TMarkRemindersReadInput = z.input<typeof ZMarkRemindersReadInput>;

/**
 * A member marks one of their in-app reminders read, or all of them: read reminders no longer
 * count as new. Only their own reminders, of groups of their site; someone else's reminder is
 * "not found". Marking a read one again changes nothing. Each reminder marked is audited (which
 * sessions a person is reminded of says which group they are in).
 */
export async function markRemindersRead({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TMarkRemindersReadInput;
	now?: Date;
}): Promise<{ marked: number }> {
	const { actor, site } = requireMember(given);
	const data = parseInput(ZMarkRemindersReadInput, input);
	if (data.reminderId !== undefined && !isUuid(data.reminderId)) throw notFound();
	return db.transaction(async (tx) => {
		const ofSite = tx
			.select({ id: groupSessions.id })
			.from(groupSessions)
			.innerJoin(groups, eq(groups.id, groupSessions.groupId))
			.where(eq(groups.siteId, site.id));
		const mine = and(
			eq(reminderDeliveries.userId, actor.userId),
			eq(reminderDeliveries.channel, 'in_app'),
			inArray(reminderDeliveries.sessionId, ofSite),
			data.reminderId ? eq(reminderDeliveries.id, data.reminderId) : undefined
		);
		if (data.reminderId) {
			const [known] = await tx
				.select({ id: reminderDeliveries.id })
				.from(reminderDeliveries)
				.where(mine)
				.limit(1);
			if (!known) throw notFound();
		}
		const marked = await tx
			.update(reminderDeliveries)
			.set({ readAt: now })
			.where(and(mine, isNull(reminderDeliveries.readAt)))
			.returning({ id: reminderDeliveries.id, sessionId: reminderDeliveries.sessionId });
		// The same reminders in the notification centre are read too.
		if (marked.length > 0)
			await tx
				.update(notifications)
				.set({ readAt: now })
				.where(
					and(
						eq(notifications.userId, actor.userId),
						eq(notifications.kind, GROUP_REMINDER),
						inArray(
							notifications.source,
							marked.map((r) => r.sessionId)
						),
						isNull(notifications.readAt)
					)
				);
		for (const r of marked)
			await recordActorAudit(tx, actor, {
				action: 'group.reminder_read',
				entityType: 'group_session',
				entityId: r.sessionId,
				details: { reminderId: r.id }
			});
		return { marked: marked.length };
	});
}
