import { z } from 'zod';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { parseInput, zUuid } from '../validation';
import { groups } from '../groups/groups.schema';
import { checkinSchedules, instruments } from './outcomes.schema';
import type { Labels } from './scoring-spec';

const zCount = (min: number, max: number) =>
	z.coerce.number('err_invalid').int('err_invalid').min(min, 'err_invalid').max(max, 'err_invalid');

export const ZSetScheduleInput = z
	.object({
		instrumentId: zUuid,
		groupId: zUuid,
		kind: z.enum(['weekly', 'enrolment', 'follow_up'], 'err_invalid'),
		months: z.preprocess((v) => (v === '' ? undefined : v), zCount(1, 36).optional()),
		windowDays: zCount(1, 28)
	})
	.refine((s) => s.kind !== 'follow_up' || s.months !== undefined, {
		path: ['months'],
		message: 'err_required'
	})
	.refine((s) => s.kind !== 'weekly' || s.windowDays <= 7, {
		path: ['windowDays'],
		message: 'out_err_week_window'
	});
export type TSetScheduleInput = z.input<typeof ZSetScheduleInput>;

/** A site admin makes a published instrument due for a group's members. Audited. */
export async function setSchedule({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TSetScheduleInput;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	const s = parseInput(ZSetScheduleInput, input);
	return db.transaction(async (tx) => {
		const [instrument] = await tx
			.select({ id: instruments.id })
			.from(instruments)
			.where(
				and(
					eq(instruments.id, s.instrumentId),
					eq(instruments.siteId, site.id),
					eq(instruments.status, 'published')
				)
			);
		if (!instrument) throw new AppError('invalid_input', { instrumentId: 'err_invalid' });
		const [group] = await tx
			.select({ id: groups.id })
			.from(groups)
			.where(and(eq(groups.id, s.groupId), eq(groups.siteId, site.id), isNull(groups.closedAt)));
		if (!group) throw new AppError('invalid_input', { groupId: 'err_invalid' });
		const [row] = await tx
			.insert(checkinSchedules)
			.values({
				siteId: site.id,
				instrumentId: instrument.id,
				groupId: group.id,
				kind: s.kind,
				months: s.kind === 'follow_up' ? (s.months ?? null) : null,
				windowDays: s.windowDays
			})
			.returning({ id: checkinSchedules.id });
		if (!row) throw new Error('schedule insert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'checkin.schedule',
			entityType: 'checkin_schedule',
			entityId: row.id,
			details: { kind: s.kind }
		});
		return { id: row.id };
	});
}

export type ScheduleView = {
	id: string;
	kind: 'weekly' | 'enrolment' | 'follow_up';
	months: number | null;
	windowDays: number;
	instrument: Labels;
	group: string;
};

/** The site's schedules in force, newest first (site admin). */
export async function listSchedules({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<ScheduleView[]> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	return db
		.select({
			id: checkinSchedules.id,
			kind: checkinSchedules.kind,
			months: checkinSchedules.months,
			windowDays: checkinSchedules.windowDays,
			instrument: instruments.title,
			group: groups.name
		})
		.from(checkinSchedules)
		.innerJoin(instruments, eq(instruments.id, checkinSchedules.instrumentId))
		.innerJoin(groups, eq(groups.id, checkinSchedules.groupId))
		.where(and(eq(checkinSchedules.siteId, site.id), isNull(checkinSchedules.endedAt)))
		.orderBy(desc(checkinSchedules.createdAt));
}

/** The site's open groups, to schedule for. */
export async function schedulableGroups({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<{ id: string; name: string }[]> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	return db
		.select({ id: groups.id, name: groups.name })
		.from(groups)
		.where(and(eq(groups.siteId, site.id), isNull(groups.closedAt)))
		.orderBy(groups.name);
}
