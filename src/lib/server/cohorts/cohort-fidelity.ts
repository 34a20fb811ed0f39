import { and, count, countDistinct, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { courseModules } from '../courses/courses.schema';
import { goals } from '../goals/goals.schema';
import { cohortSessions, sessionParticipation } from './cohorts.schema';
import { facilitatedCohort, requireFacilitator } from './cohort-access';
import { participantsOf } from './cohort-people';
import { recordActorAudit } from '../audit/record-audit';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Kith's working targets for the IMR Fidelity Scale items it can observe. Group size and
 * programme length are the scale's own; the shares are the bar we hold ourselves to, not anchors
 * of the scale, so a team can see where to look rather than a rating.
 */
export const FIDELITY_TARGETS = {
	maxGroupSize: 8,
	minWeeks: 24,
	handouts: 0.75,
	goalSetting: 0.9,
	goalFollowUp: 0.75,
	significantOthers: 0.5
} as const;

export type FidelityKey =
	| 'group_size'
	| 'programme_length'
	| 'curriculum'
	| 'handouts'
	| 'goal_setting'
	| 'goal_follow_up'
	| 'significant_others';

/** One figure: a count (`of` null) or a share `value` of `of`, and whether it meets the target. */
export type FidelityItem = { key: FidelityKey; value: number; of: number | null; meets: boolean };

const share = (value: number, of: number, target: number): boolean =>
	of > 0 && value / of >= target;

/**
 * The IMR fidelity figures a cohort's record yields: group size, programme length (weeks from the
 * first to the last held session), curriculum coverage, handouts, goal setting, goal follow-up and
 * involvement of significant others. Only counts leave this function; the read is audited.
 */
export async function cohortFidelity({
	db,
	actor: given,
	cohortId
}: {
	db: Db;
	actor: Actor | null;
	cohortId: string;
}): Promise<FidelityItem[]> {
	const { actor, site } = requireFacilitator(given);
	return db.transaction(async (tx) => {
		const cohort = await facilitatedCohort(tx, actor, site.id, cohortId);
		const people = await participantsOf(tx, cohort.id);
		const ids = people.map((p) => p.userId);
		const held = await tx
			.select()
			.from(cohortSessions)
			.where(and(eq(cohortSessions.cohortId, cohort.id), eq(cohortSessions.status, 'held')));
		const heldIds = held.map((s) => s.id);
		const [modules] = await tx
			.select({ n: count() })
			.from(courseModules)
			.where(eq(courseModules.courseId, cohort.courseId));
		const withGoal =
			ids.length === 0
				? 0
				: Number(
						(
							await tx
								.select({ n: countDistinct(goals.userId) })
								.from(goals)
								.where(and(eq(goals.siteId, site.id), inArray(goals.userId, ids)))
						)[0]?.n ?? 0
					);
		const participation =
			heldIds.length === 0
				? []
				: await tx
						.select({ goalsReviewed: sessionParticipation.goalsReviewed })
						.from(sessionParticipation)
						.where(inArray(sessionParticipation.sessionId, heldIds));
		const times = held.map((s) => s.scheduledAt.getTime());
		// Rounded: a daylight-saving change makes a span of whole weeks an hour short or long.
		const weeks =
			times.length < 2 ? 0 : Math.round((Math.max(...times) - Math.min(...times)) / WEEK_MS);
		const covered = new Set(held.flatMap((s) => (s.moduleId ? [s.moduleId] : []))).size;
		const moduleCount = Number(modules?.n ?? 0);
		const handouts = held.filter((s) => s.handoutsGiven).length;
		const others = held.filter((s) => s.significantOthersInvolved).length;
		const reviewed = participation.filter((p) => p.goalsReviewed).length;
		const t = FIDELITY_TARGETS;
		await recordActorAudit(tx, actor, {
			action: 'cohort.read_fidelity',
			entityType: 'cohort',
			entityId: cohort.id
		});
		return [
			{
				key: 'group_size',
				value: ids.length,
				of: null,
				meets: ids.length <= t.maxGroupSize
			},
			{ key: 'programme_length', value: weeks, of: null, meets: weeks >= t.minWeeks },
			{
				key: 'curriculum',
				value: covered,
				of: moduleCount,
				meets: moduleCount > 0 && covered >= moduleCount
			},
			{
				key: 'handouts',
				value: handouts,
				of: held.length,
				meets: share(handouts, held.length, t.handouts)
			},
			{
				key: 'goal_setting',
				value: withGoal,
				of: ids.length,
				meets: share(withGoal, ids.length, t.goalSetting)
			},
			{
				key: 'goal_follow_up',
				value: reviewed,
				of: participation.length,
				meets: share(reviewed, participation.length, t.goalFollowUp)
			},
			{
				key: 'significant_others',
				value: others,
				of: held.length,
				meets: share(others, held.length, t.significantOthers)
			}
		];
	});
}
