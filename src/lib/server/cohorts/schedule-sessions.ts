import { z } from 'zod';
import { and, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { repeatWeekly } from '../dates/calendar';
import { cohortSessions } from './cohorts.schema';
import { facilitatedCohort, requireFacilitator } from './cohort-access';
import { parseInput, zLocalDateTime, zWhole } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

/** Sessions are taken to last an hour: two starts closer than this clash. */
const SESSION_MS = 60 * 60 * 1000;
export const MAX_WEEKS = 52;

export const ZScheduleSessionsInput = z.object({
	cohortId: z.string().max(100),
	/** Local date-time in the site's zone, as a datetime-local input sends it. */
	first: zLocalDateTime(),
	weeks: zWhole('err_cohort_weeks', { min: 1, max: MAX_WEEKS, fallback: 1 })
});
export type TScheduleSessionsInput = z.input<typeof ZScheduleSessionsInput>;

/**
 * Schedules `weeks` weekly sessions of a cohort the actor facilitates, the first at a local
 * date-time in the site's zone; every one keeps that wall-clock time across daylight-saving
 * changes. A session clashing with another of the cohort refuses the lot. Audited.
 */
export async function scheduleSessions({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TScheduleSessionsInput;
}): Promise<{ ids: string[] }> {
	const { actor, site } = requireFacilitator(given);
	const data = parseInput(ZScheduleSessionsInput, input);
	const starts = repeatWeekly({ first: data.first, count: data.weeks, timeZone: site.timeZone });
	if (!starts) throw new AppError('invalid_input', { first: 'err_date' });
	return db.transaction(async (tx) => {
		const cohort = await facilitatedCohort(tx, actor, site.id, data.cohortId);
		const clash = await tx
			.select({ id: cohortSessions.id })
			.from(cohortSessions)
			.where(
				and(
					eq(cohortSessions.cohortId, cohort.id),
					ne(cohortSessions.status, 'cancelled'),
					or(
						...starts.map((s) =>
							and(
								gt(cohortSessions.scheduledAt, new Date(s.getTime() - SESSION_MS)),
								lt(cohortSessions.scheduledAt, new Date(s.getTime() + SESSION_MS))
							)
						)
					)
				)
			)
			.limit(1);
		if (clash.length > 0) throw new AppError('conflict', { first: 'err_cohort_session_clash' });
		const rows = await tx
			.insert(cohortSessions)
			.values(starts.map((scheduledAt) => ({ cohortId: cohort.id, scheduledAt })))
			.returning({ id: cohortSessions.id });
		await recordActorAudit(tx, actor, {
			action: 'cohort.schedule_sessions',
			entityType: 'cohort',
			entityId: cohort.id,
			details: { sessions: rows.length }
		});
		return { ids: rows.map((r) => r.id) };
	});
}
