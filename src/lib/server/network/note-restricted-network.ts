// A restricted network is a reason for care, never a sanction: a quiet in-app note to the
// member's assigned professional, and only when the member shares their map with that person.
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { notifyInApp } from '../notifications/notify';
import { registerNotificationKind } from '../notifications/kinds';
import { networkShares } from './network.schema';
import { assignedProfessionalOf } from '../care-team/care-team-of';

/** The notification centre's kind for the note. */
export const NETWORK_RESTRICTED = 'network_restricted';

/** Leaves the note for the member's professional if the member shares the map with them. */
export async function noteRestrictedNetwork(
	tx: Tx,
	{ siteId, memberId, snapshotId }: { siteId: string; memberId: string; snapshotId: string }
): Promise<boolean> {
	const professionalId = await assignedProfessionalOf(tx, { siteId, memberId });
	if (!professionalId) return false;
	const [share] = await tx
		.select({ id: networkShares.id })
		.from(networkShares)
		.where(
			and(
				eq(networkShares.siteId, siteId),
				eq(networkShares.memberId, memberId),
				eq(networkShares.sharedWithUserId, professionalId),
				isNull(networkShares.revokedAt)
			)
		)
		.limit(1);
	if (!share) return false;
	return notifyInApp(tx, {
		siteId,
		userId: professionalId,
		kind: NETWORK_RESTRICTED,
		targetId: memberId,
		source: snapshotId
	});
}

/** Makes the note known to the notification centre: it leads to the shared map while shared. */
export function registerNetworkNotifications(): void {
	registerNotificationKind(NETWORK_RESTRICTED, {
		reachable: async (db, actor, memberIds) => {
			const rows = await db
				.select({ memberId: networkShares.memberId })
				.from(networkShares)
				.where(
					and(eq(networkShares.sharedWithUserId, actor.userId), isNull(networkShares.revokedAt))
				);
			const shared = new Set(rows.map((r) => r.memberId));
			return new Set(memberIds.filter((id) => shared.has(id)));
		},
		link: (n) => `/network/shared/${n.targetId}`
	});
}
