// Who holds a safety alert: the group's facilitators for a group source, else the person's
// assigned professional, else (and on escalation) the site's on-call list; escalation adds the
// site's admins. The person the alert is about never holds their own alert.
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { groupFacilitators } from '../groups/groups.schema';
import { memberships } from '../people/people.schema';
import { safetyAlertPeople, safetyOnCall, safetySettings } from './safety.schema';
import { assignedProfessionalOf } from '../care-team/care-team-of';

export type Holder = { userId: string; why: (typeof safetyAlertPeople.$inferInsert)['why'] };

/** Minutes to acknowledge an alert when the site has not set its own. */
export const DEFAULT_ACK_MINUTES = 30;

export async function ackMinutesOf(tx: Tx, siteId: string): Promise<number> {
	const [row] = await tx
		.select({ minutes: safetySettings.ackMinutes })
		.from(safetySettings)
		.where(eq(safetySettings.siteId, siteId));
	return row?.minutes ?? DEFAULT_ACK_MINUTES;
}

export async function onCallOf(tx: Tx, siteId: string): Promise<string[]> {
	const rows = await tx
		.select({ userId: safetyOnCall.userId })
		.from(safetyOnCall)
		.where(eq(safetyOnCall.siteId, siteId));
	return rows.map((r) => r.userId);
}

export async function facilitatorsOf(tx: Tx, groupId: string): Promise<string[]> {
	const rows = await tx
		.select({ userId: groupFacilitators.userId })
		.from(groupFacilitators)
		.where(eq(groupFacilitators.groupId, groupId));
	return rows.map((r) => r.userId);
}

export async function siteAdminsOf(tx: Tx, siteId: string): Promise<string[]> {
	const rows = await tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(
			and(
				eq(memberships.siteId, siteId),
				eq(memberships.role, 'site_admin'),
				isNull(memberships.suspendedAt)
			)
		);
	return rows.map((r) => r.userId);
}

/** The first people responsible for a new alert (never the person it is about). */
export async function firstHolders(
	tx: Tx,
	a: { siteId: string; personId: string; groupId: string | null }
): Promise<Holder[]> {
	const not = (ids: string[]) => ids.filter((id) => id !== a.personId);
	if (a.groupId) {
		const facilitators = not(await facilitatorsOf(tx, a.groupId));
		if (facilitators.length > 0)
			return facilitators.map((userId) => ({ userId, why: 'facilitator' }));
	} else {
		const professional = await assignedProfessionalOf(tx, {
			siteId: a.siteId,
			memberId: a.personId
		});
		if (professional && professional !== a.personId)
			return [{ userId: professional, why: 'professional' }];
	}
	return not(await onCallOf(tx, a.siteId)).map((userId) => ({ userId, why: 'on_call' }));
}

/** Adds holders at a level; answers the ones who were not holders already. */
export async function addHolders(
	tx: Tx,
	alertId: string,
	holders: Holder[],
	level: number,
	now: Date
): Promise<string[]> {
	if (holders.length === 0) return [];
	const added = await tx
		.insert(safetyAlertPeople)
		.values(holders.map((h) => ({ alertId, userId: h.userId, why: h.why, level, addedAt: now })))
		.onConflictDoNothing()
		.returning({ userId: safetyAlertPeople.userId });
	return added.map((r) => r.userId);
}
