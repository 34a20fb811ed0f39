import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { t } from '../i18n/messages';
import { courseModules, courses, lessons } from '../courses/courses.schema';
import { goals, goalSteps } from './goals.schema';
import { zStepText } from './goals.validation';
import { nextPosition, ownGoal } from './goal-access';
import { isUuid, parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZProposeStepInput = z.object({
	lessonId: zId,
	/** The lesson's home-assignment text, in the language the member read it in. */
	text: zStepText,
	goalId: zId.optional()
});
export type TProposeStepInput = z.infer<typeof ZProposeStepInput>;

/** The lesson, if it belongs to a course of the site. */
async function lessonOnSite(tx: Tx, siteId: string, lessonId: string): Promise<string> {
	if (!isUuid(lessonId)) throw notFound();
	const [row] = await tx
		.select({ id: lessons.id })
		.from(lessons)
		.innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
		.innerJoin(courses, eq(courses.id, courseModules.courseId))
		.where(and(eq(lessons.id, lessonId), eq(courses.siteId, siteId)))
		.limit(1);
	if (!row) throw notFound();
	return row.id;
}

/**
 * Turns a lesson's home assignment into a `proposed` step the member can accept, change or
 * decline: on the given goal, else their most recent active goal, else a new goal "My home
 * assignments". The same lesson is proposed once per goal while pending. Audited; returns the goal id.
 */
export async function proposeStepFromLesson({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TProposeStepInput;
}): Promise<string> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const data = parseInput(ZProposeStepInput, input);
	return db.transaction(async (tx) => {
		const lessonId = await lessonOnSite(tx, site.id, data.lessonId);
		let goalId: string;
		if (data.goalId) {
			goalId = (await ownGoal(tx, actor, site.id, data.goalId)).id;
		} else {
			const [recent] = await tx
				.select({ id: goals.id })
				.from(goals)
				.where(
					and(eq(goals.siteId, site.id), eq(goals.userId, actor.userId), eq(goals.status, 'active'))
				)
				.orderBy(desc(goals.createdAt), desc(goals.id))
				.limit(1);
			if (recent) goalId = recent.id;
			else {
				const [created] = await tx
					.insert(goals)
					.values({ siteId: site.id, userId: actor.userId, text: t('goals_home_assignments') })
					.returning({ id: goals.id });
				if (!created) throw new Error('goal insert returned nothing');
				goalId = created.id;
				await recordActorAudit(tx, actor, {
					action: 'goal.create',
					entityType: 'goal',
					entityId: goalId,
					details: { lessonId }
				});
			}
		}
		const [pending] = await tx
			.select({ id: goalSteps.id })
			.from(goalSteps)
			.where(
				and(
					eq(goalSteps.goalId, goalId),
					eq(goalSteps.fromLessonId, lessonId),
					eq(goalSteps.status, 'proposed')
				)
			)
			.limit(1);
		if (pending) return goalId;
		const [step] = await tx
			.insert(goalSteps)
			.values({
				goalId,
				text: data.text,
				position: await nextPosition(tx, goalId),
				status: 'proposed',
				fromLessonId: lessonId
			})
			.returning({ id: goalSteps.id });
		if (!step) throw new Error('step insert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'goal_step.propose',
			entityType: 'goal_step',
			entityId: step.id,
			details: { goalId, lessonId }
		});
		return goalId;
	});
}
