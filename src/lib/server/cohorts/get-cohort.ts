import { and, asc, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { courseModules, enrolments, lessonProgress, lessons } from '../courses/courses.schema';
import { courseTextsOf } from '../courses/course-texts';
import { goalShares, goals } from '../goals/goals.schema';
import { cohortSessions } from './cohorts.schema';
import { facilitatedCohort, requireFacilitator } from './cohort-access';
import { participantsOf } from './cohort-people';
import { sitePeople, type Person } from '../people/names';
import { moduleTitlesOf } from './module-titles';
import { recordActorAudit } from '../audit/record-audit';

export type CohortParticipant = Person & {
	progress: { done: number; total: number };
	/** Only goals the participant shares with this facilitator, revoked ones gone at once. */
	sharedGoals: { id: string; text: string; status: 'active' | 'achieved' | 'set_aside' }[];
};

export type CohortView = {
	id: string;
	name: string;
	mode: 'group' | 'individual';
	capacity: number;
	courseTitle: string;
	participants: CohortParticipant[];
	/** Members of the site not in the cohort, for the "add participant" form. */
	candidates: Person[];
	sessions: {
		id: string;
		scheduledAt: Date;
		status: 'scheduled' | 'held' | 'cancelled';
		moduleTitle: string | null;
	}[];
};

/**
 * A cohort the actor facilitates: participants with their course progress and the goals they
 * share with the actor (never reflections, never unshared goals), and its sessions. Audited.
 */
export async function getCohort({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { cohortId: string; locale: string };
}): Promise<CohortView> {
	const { actor, site } = requireFacilitator(given);
	return db.transaction(async (tx) => {
		const cohort = await facilitatedCohort(tx, actor, site.id, input.cohortId);
		const people = await participantsOf(tx, cohort.id);
		const ids = people.map((p) => p.userId);
		const [lessonTotal] = await tx
			.select({ n: count() })
			.from(lessons)
			.innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
			.where(eq(courseModules.courseId, cohort.courseId));
		const done =
			ids.length === 0
				? []
				: await tx
						.select({ userId: enrolments.userId, n: count() })
						.from(lessonProgress)
						.innerJoin(enrolments, eq(enrolments.id, lessonProgress.enrolmentId))
						.where(
							and(
								eq(enrolments.siteId, site.id),
								eq(enrolments.courseId, cohort.courseId),
								inArray(enrolments.userId, ids),
								isNotNull(lessonProgress.doneAt)
							)
						)
						.groupBy(enrolments.userId);
		const shared =
			ids.length === 0
				? []
				: await tx
						.select({ id: goals.id, userId: goals.userId, text: goals.text, status: goals.status })
						.from(goalShares)
						.innerJoin(goals, eq(goals.id, goalShares.goalId))
						.where(
							and(
								eq(goalShares.sharedWithUserId, actor.userId),
								isNull(goalShares.revokedAt),
								eq(goals.siteId, site.id),
								inArray(goals.userId, ids)
							)
						)
						.orderBy(asc(goals.createdAt), asc(goals.id));
		const sessions = await tx
			.select()
			.from(cohortSessions)
			.where(eq(cohortSessions.cohortId, cohort.id))
			.orderBy(asc(cohortSessions.scheduledAt));
		const modules = await moduleTitlesOf(tx, cohort.courseId, input.locale, site.defaultLocale);
		const inCohort = new Set(ids);
		const candidates = (await sitePeople(tx, site.id, ['member'])).filter(
			(p) => !inCohort.has(p.userId)
		);
		const title = (
			await courseTextsOf(tx, [cohort.courseId], input.locale, site.defaultLocale)
		).get(cohort.courseId)?.title;
		await recordActorAudit(tx, actor, {
			action: 'cohort.read_participants',
			entityType: 'cohort',
			entityId: cohort.id,
			details: { participants: ids.length, sharedGoals: shared.length }
		});
		return {
			id: cohort.id,
			name: cohort.name,
			mode: cohort.mode,
			capacity: cohort.capacity,
			courseTitle: title ?? '',
			participants: people.map((p) => ({
				...p,
				progress: {
					done: Number(done.find((d) => d.userId === p.userId)?.n ?? 0),
					total: Number(lessonTotal?.n ?? 0)
				},
				sharedGoals: shared
					.filter((g) => g.userId === p.userId)
					.map(({ id, text, status }) => ({ id, text, status }))
			})),
			candidates,
			sessions: sessions.map((s) => ({
				id: s.id,
				scheduledAt: s.scheduledAt,
				status: s.status,
				moduleTitle: modules.find((m) => m.id === s.moduleId)?.title ?? null
			}))
		};
	});
}
