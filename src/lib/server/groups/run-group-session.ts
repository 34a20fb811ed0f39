// The facilitators' page of one session: its theme and guide in the group's language, attendance
// and the session log. Reading it and saving it are audited: both touch members' attendance.
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { renderMarkdown } from '../content/render-markdown';
import { groupAttendance, groupMembers, groupSessionLogs } from './groups.schema';
import { groupSessionFor, type GroupSession } from './group-access';
import { peerNames } from '../people/names';
import { programmeText } from '../programmes/programme-text';
import { parseInput, zId, zOptionalText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export type GroupSessionPage = {
	groupId: string;
	groupName: string;
	session: GroupSession;
	theme: string | null;
	guideHtml: string;
	fidelityItems: { key: string; label: string }[];
	members: {
		userId: string;
		name: string | null;
		present: boolean | null;
		source: 'live' | 'manual' | null;
	}[];
	log: {
		themeCovered: boolean;
		checklist: Record<string, boolean>;
		incidents: string;
		note: string;
	} | null;
};

/** A session of a group the actor facilitates, with what they need to run and record it. */
export async function getGroupSession({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string; sessionId: string };
}): Promise<GroupSessionPage> {
	return db.transaction(async (tx) => {
		const access = await groupSessionFor(tx, actor, input);
		if (access.role !== 'facilitator') throw notFound();
		const { group, session, site } = access;
		const text = await programmeText(tx, group.programmeId, group.locale, site.defaultLocale);
		const programmeSession = text?.sessions.find((s) => s.number === session.number);
		const members = await tx
			.select({ userId: groupMembers.userId })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, 'member')));
		const attendance = await tx
			.select()
			.from(groupAttendance)
			.where(eq(groupAttendance.sessionId, session.id));
		const [log] = await tx
			.select()
			.from(groupSessionLogs)
			.where(eq(groupSessionLogs.sessionId, session.id))
			.limit(1);
		// People recorded for this session who have since left still belong in its record.
		const ids = [...new Set([...members.map((m) => m.userId), ...attendance.map((a) => a.userId)])];
		const names = await peerNames(tx, ids);
		await recordActorAudit(tx, access.actor, {
			action: 'group_session.read',
			entityType: 'group_session',
			entityId: session.id
		});
		return {
			groupId: group.id,
			groupName: group.name,
			session,
			theme: programmeSession?.theme ?? null,
			guideHtml: programmeSession ? renderMarkdown(programmeSession.guide).html : '',
			fidelityItems: text?.fidelityItems ?? [],
			members: ids
				.map((userId) => {
					const a = attendance.find((x) => x.userId === userId);
					return {
						userId,
						name: names.get(userId) ?? null,
						present: a?.present ?? null,
						source: a?.source ?? null
					};
				})
				.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
			log: log
				? {
						themeCovered: log.themeCovered,
						checklist: log.checklist,
						incidents: log.incidents ?? '',
						note: log.note ?? ''
					}
				: null
		};
	});
}

const list = z.preprocess(
	(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
	z.array(z.string().max(100)).max(200)
);
const optionalText = zOptionalText(4000);

export const ZRecordSessionInput = z.object({
	groupId: zId,
	sessionId: zId,
	/** Ids of the members who were there. */
	present: list,
	themeCovered: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
	/** Keys of the fidelity items done. */
	checklist: list,
	incidents: optionalText,
	note: optionalText
});
export type TRecordSessionInput = z.input<typeof ZRecordSessionInput>;

/**
 * Saves a session's manual attendance (every member present or not; rows a live room wrote stay as
 * they are) and its log: theme covered, fidelity checklist, incidents, note. Audited.
 */
export async function recordGroupSession({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TRecordSessionInput;
}): Promise<void> {
	const data = parseInput(ZRecordSessionInput, input);
	await db.transaction(async (tx) => {
		const access = await groupSessionFor(tx, actor, data);
		if (access.role !== 'facilitator') throw notFound();
		const { group, session, site } = access;
		if (session.status === 'cancelled')
			throw new AppError('invalid_input', { note: 'groups_err_session_cancelled' });
		const text = await programmeText(tx, group.programmeId, group.locale, site.defaultLocale);
		const keys = new Set(text?.fidelityItems.map((f) => f.key) ?? []);
		const members = await tx
			.select({ userId: groupMembers.userId })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, 'member')));
		const live = await tx
			.select({ userId: groupAttendance.userId })
			.from(groupAttendance)
			.where(and(eq(groupAttendance.sessionId, session.id), eq(groupAttendance.source, 'live')));
		const byLive = new Set(live.map((l) => l.userId));
		const present = new Set(data.present);
		const now = new Date();
		for (const m of members) {
			if (byLive.has(m.userId)) continue;
			const row = { present: present.has(m.userId), source: 'manual' as const, recordedAt: now };
			await tx
				.insert(groupAttendance)
				.values({ sessionId: session.id, userId: m.userId, ...row })
				.onConflictDoUpdate({
					target: [groupAttendance.sessionId, groupAttendance.userId],
					set: row
				});
		}
		const log = {
			themeCovered: data.themeCovered,
			checklist: Object.fromEntries([...keys].map((k) => [k, data.checklist.includes(k)])),
			incidents: data.incidents ?? null,
			note: data.note ?? null,
			recordedBy: access.actor.userId,
			recordedAt: now
		};
		await tx
			.insert(groupSessionLogs)
			.values({ sessionId: session.id, ...log })
			.onConflictDoUpdate({ target: groupSessionLogs.sessionId, set: log });
		await recordActorAudit(tx, access.actor, {
			action: 'group_session.record',
			entityType: 'group_session',
			entityId: session.id,
			details: {
				present: members.filter((m) => present.has(m.userId) || byLive.has(m.userId)).length,
				incidents: !!data.incidents
			}
		});
	});
}
