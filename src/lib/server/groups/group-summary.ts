import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { groupAttendance, groupMembers, groupSessionLogs, groupSessions } from './groups.schema';
import { peerNames } from '../people/names';
import { type Group } from './group-access';

export type GroupSummary = {
	/** Sessions with a log or anyone recorded present. */
	held: number;
	attendance: { userId: string; name: string | null; attended: number }[];
	/** Share of fidelity items ticked across all session logs, 0–100; null before any log. */
	fidelityPercent: number | null;
};

/** What facilitators see of a group's dose and fidelity; the caller audits the read. */
export async function summariseGroup(
	tx: Tx | Db,
	group: Group,
	fidelityKeys: readonly string[]
): Promise<GroupSummary> {
	const sessions = await tx
		.select({ id: groupSessions.id })
		.from(groupSessions)
		.where(and(eq(groupSessions.groupId, group.id), ne(groupSessions.status, 'cancelled')));
	const ids = sessions.map((s) => s.id);
	const logs =
		ids.length === 0
			? []
			: await tx
					.select({ sessionId: groupSessionLogs.sessionId, checklist: groupSessionLogs.checklist })
					.from(groupSessionLogs)
					.where(inArray(groupSessionLogs.sessionId, ids));
	const present =
		ids.length === 0
			? []
			: await tx
					.select({ sessionId: groupAttendance.sessionId, userId: groupAttendance.userId })
					.from(groupAttendance)
					.where(and(inArray(groupAttendance.sessionId, ids), eq(groupAttendance.present, true)));
	const held = new Set([...logs.map((l) => l.sessionId), ...present.map((p) => p.sessionId)]);
	const members = await tx
		.select({ userId: groupMembers.userId })
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, 'member')));
	const names = await peerNames(
		tx,
		members.map((m) => m.userId)
	);
	const ticked = logs.reduce(
		(n, l) => n + fidelityKeys.filter((k) => l.checklist[k] === true).length,
		0
	);
	const possible = logs.length * fidelityKeys.length;
	return {
		held: held.size,
		attendance: members
			.map((m) => ({
				userId: m.userId,
				name: names.get(m.userId) ?? null,
				attended: present.filter((p) => p.userId === m.userId).length
			}))
			.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
		fidelityPercent: possible === 0 ? null : Math.round((100 * ticked) / possible)
	};
}
