import { and, eq, inArray, isNull } from 'drizzle-orm';
import { registerNotificationKind } from '../notifications/kinds';
import { AppError } from '../errors';
import { groupFor } from './group-access';
import { reminderDeliveries } from './groups.schema';

/** The notification centre's kind for a group session's reminder. */
export const GROUP_REMINDER = 'group_reminder';

/**
 * Makes group reminders known to the notification centre: one leads to its group, and only while
 * the person can still see the group (groupFor); reading it there marks the group's own reminder
 * read too.
 */
export function registerGroupNotifications(): void {
	registerNotificationKind(GROUP_REMINDER, {
		reachable: async (db, actor, groupIds) => {
			const seen = new Set<string>();
			for (const id of groupIds)
				try {
					await groupFor(db, actor, id);
					seen.add(id);
				} catch (e) {
					if (!(e instanceof AppError && e.code === 'not_found')) throw e;
				}
			return seen;
		},
		link: (n) => `/groups/${n.targetId}`,
		onRead: async (tx, actor, read) => {
			await tx
				.update(reminderDeliveries)
				.set({ readAt: new Date() })
				.where(
					and(
						eq(reminderDeliveries.userId, actor.userId),
						eq(reminderDeliveries.channel, 'in_app'),
						inArray(
							reminderDeliveries.sessionId,
							read.map((r) => r.source)
						),
						isNull(reminderDeliveries.readAt)
					)
				);
		}
	});
}
