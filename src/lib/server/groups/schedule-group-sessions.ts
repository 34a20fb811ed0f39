import { z } from 'zod';
import { and, asc, eq, gt, inArray, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound, type MessageKey } from '../errors';
import { parseInput, zId, zLocalDateTime, zOptionalLine, zWhole } from '../validation';
import { repeatWeekly } from '../dates/calendar';
import { classifyUrl } from '../content/render-markdown';
import { groupFacilitators, groups, groupSessions } from './groups.schema';
import { groupProgrammes } from '../programmes/programmes.schema';
import { facilitatedGroup } from './group-access';
import { isUuid } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const MAX_SESSIONS = 52;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const whole = (key: MessageKey, min: number, max: number, fallback: number) =>
	zWhole(key, { min, max, fallback });

const scheduleFields = {
	/** Local date-time in the site's zone, as a datetime-local input sends it. */
	first: zLocalDateTime(),
	count: whole('groups_err_count', 1, MAX_SESSIONS, 1),
	rhythm: z.enum(['weekly', 'fortnightly'], 'err_invalid'),
	minutes: whole('groups_err_minutes', 15, 240, 90),
	delivery: z.enum(['live', 'in_person', 'video'], 'err_invalid'),
	place: zOptionalLine(200),
	videoUrl: z.preprocess(
		blankToUndefined,
		z
			.string()
			.trim()
			.max(500, 'err_too_long')
			.refine((u) => classifyUrl(u) === 'https', 'groups_err_video_url')
			.optional()
	)
};

type ScheduleFields = z.infer<z.ZodObject<typeof scheduleFields>>;
const deliveryDetails = (d: ScheduleFields, ctx: z.RefinementCtx) => {
	if (d.delivery === 'in_person' && !d.place)
		ctx.addIssue({ code: 'custom', path: ['place'], message: 'groups_err_place' });
	if (d.delivery === 'video' && !d.videoUrl)
		ctx.addIssue({ code: 'custom', path: ['videoUrl'], message: 'groups_err_video_url' });
};

/** The schedule form's fields (the group comes from the address). */
export const ZScheduleForm = z.object(scheduleFields).superRefine(deliveryDetails);
export const ZScheduleGroupSessionsInput = z
	.object({ groupId: zId, ...scheduleFields })
	.superRefine(deliveryDetails);
export type TScheduleGroupSessionsInput = z.input<typeof ZScheduleGroupSessionsInput>;

/**
 * Schedules `count` sessions of a group the actor facilitates, weekly or fortnightly, the first at
 * a local date-time in the site's zone; each keeps that wall-clock time across daylight-saving
 * changes. A course's sessions take the next themes not yet scheduled. If any session would
 * overlap another session led by one of the group's facilitators (in any group), nothing is
 * scheduled and the clash is named. Audited.
 */
export async function scheduleGroupSessions({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TScheduleGroupSessionsInput;
}): Promise<{ ids: string[] }> {
	const data = parseInput(ZScheduleGroupSessionsInput, input);
	return db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, data.groupId);
		const { group, site } = access;
		if (group.closedAt) throw new AppError('conflict', { first: 'groups_err_closed_sessions' });
		const starts = repeatWeekly({
			first: data.first,
			count: data.count,
			everyWeeks: data.rhythm === 'weekly' ? 1 : 2,
			timeZone: site.timeZone
		});
		if (!starts) throw new AppError('invalid_input', { first: 'err_date' });
		const span = data.minutes * 60_000;
		const slots = starts.map((s) => ({ startsAt: s, endsAt: new Date(s.getTime() + span) }));

		// A course covers each theme once: new sessions take the lowest numbers still free.
		const [programme] = await tx
			.select({ kind: groupProgrammes.kind, sessionCount: groupProgrammes.sessionCount })
			.from(groupProgrammes)
			.where(eq(groupProgrammes.id, group.programmeId))
			.limit(1);
		let numbers: (number | null)[] = slots.map(() => null);
		if (programme?.kind === 'course') {
			const taken = await tx
				.select({ number: groupSessions.number })
				.from(groupSessions)
				.where(and(eq(groupSessions.groupId, group.id), ne(groupSessions.status, 'cancelled')));
			const used = new Set(taken.map((t) => t.number));
			const free = Array.from({ length: programme.sessionCount ?? 0 }, (_, i) => i + 1).filter(
				(n) => !used.has(n)
			);
			if (free.length < slots.length)
				throw new AppError('invalid_input', { count: 'groups_err_too_many_sessions' });
			numbers = free.slice(0, slots.length);
		}

		const leaders = await tx
			.select({ userId: groupFacilitators.userId })
			.from(groupFacilitators)
			.where(eq(groupFacilitators.groupId, group.id));
		const ledGroups = tx
			.select({ id: groupFacilitators.groupId })
			.from(groupFacilitators)
			.where(
				inArray(
					groupFacilitators.userId,
					leaders.map((l) => l.userId)
				)
			);
		const [clash] = await tx
			.select({ groupName: groups.name, startsAt: groupSessions.startsAt })
			.from(groupSessions)
			.innerJoin(groups, eq(groups.id, groupSessions.groupId))
			.where(
				and(
					inArray(groupSessions.groupId, ledGroups),
					ne(groupSessions.status, 'cancelled'),
					or(
						...slots.map((s) =>
							and(lt(groupSessions.startsAt, s.endsAt), gt(groupSessions.endsAt, s.startsAt))
						)
					)
				)
			)
			.orderBy(asc(groupSessions.startsAt))
			.limit(1);
		// Named, so the facilitator knows which session to move; the time is written for the reader.
		if (clash)
			throw new AppError(
				'conflict',
				{ first: 'groups_err_overlap' },
				{ group: clash.groupName, when: clash.startsAt }
			);

		const rows = await tx
			.insert(groupSessions)
			.values(
				slots.map((s, i) => ({
					groupId: group.id,
					number: numbers[i] ?? null,
					startsAt: s.startsAt,
					endsAt: s.endsAt,
					delivery: data.delivery,
					place: data.delivery === 'in_person' ? (data.place ?? null) : null,
					videoUrl: data.delivery === 'video' ? (data.videoUrl ?? null) : null
				}))
			)
			.returning({ id: groupSessions.id });
		await recordActorAudit(tx, access.actor, {
			action: 'group.schedule_sessions',
			entityType: 'group',
			entityId: group.id,
			details: { sessions: rows.length, delivery: data.delivery }
		});
		return { ids: rows.map((r) => r.id) };
	});
}

/** A facilitator cancels a session: it leaves the calendar and gets no reminders. Audited. */
export async function cancelSession({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string; sessionId: string };
}): Promise<void> {
	await db.transaction(async (tx) => {
		const access = await facilitatedGroup(tx, actor, input.groupId);
		if (!isUuid(input.sessionId)) throw notFound();
		const [row] = await tx
			.update(groupSessions)
			.set({ status: 'cancelled' })
			.where(
				and(
					eq(groupSessions.id, input.sessionId),
					eq(groupSessions.groupId, access.group.id),
					ne(groupSessions.status, 'cancelled')
				)
			)
			.returning({ id: groupSessions.id });
		if (!row) throw notFound();
		await recordActorAudit(tx, access.actor, {
			action: 'group.cancel_session',
			entityType: 'group_session',
			entityId: row.id
		});
	});
}
