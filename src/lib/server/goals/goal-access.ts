// Lookups every goal use case shares. A goal exists for an actor only when it is on their site and
// theirs; anything else is "not found", exactly like an id nobody ever had.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import { goals, goalSteps } from './goals.schema';

export type Goal = typeof goals.$inferSelect;
export type GoalStep = typeof goalSteps.$inferSelect;

/** The actor's own goal on their site, or "not found". */
export async function ownGoal(tx: Tx, actor: Actor, siteId: string, goalId: string): Promise<Goal> {
	if (!isUuid(goalId)) throw notFound();
	const [goal] = await tx
		.select()
		.from(goals)
		.where(and(eq(goals.id, goalId), eq(goals.siteId, siteId), eq(goals.userId, actor.userId)))
		.limit(1);
	if (!goal) throw notFound();
	return goal;
}

/** One step of one of the actor's own goals on their site, or "not found". */
export async function ownStep(
	tx: Tx,
	actor: Actor,
	siteId: string,
	stepId: string
): Promise<{ step: GoalStep; goal: Goal }> {
	if (!isUuid(stepId)) throw notFound();
	const [row] = await tx
		.select({ step: goalSteps, goal: goals })
		.from(goalSteps)
		.innerJoin(goals, eq(goals.id, goalSteps.goalId))
		.where(and(eq(goalSteps.id, stepId), eq(goals.siteId, siteId), eq(goals.userId, actor.userId)))
		.limit(1);
	if (!row) throw notFound();
	return row;
}

/** Steps of some goals, in their order. */
export async function stepsOf(tx: Tx, goalIds: string[]): Promise<GoalStep[]> {
	if (goalIds.length === 0) return [];
	return tx
		.select()
		.from(goalSteps)
		.where(inArray(goalSteps.goalId, goalIds))
		.orderBy(asc(goalSteps.position), asc(goalSteps.createdAt));
}

/** The next free position at the end of a goal's steps. */
export async function nextPosition(tx: Tx, goalId: string): Promise<number> {
	const rows = await tx
		.select({ position: goalSteps.position })
		.from(goalSteps)
		.where(eq(goalSteps.goalId, goalId));
	return rows.reduce((max, r) => Math.max(max, r.position), -1) + 1;
}

/** Done out of the steps the member has taken on (proposed and declined ones do not count). */
export function progressOf(steps: readonly Pick<GoalStep, 'status'>[]): {
	done: number;
	total: number;
} {
	const taken = steps.filter((s) => s.status === 'open' || s.status === 'done');
	return { done: taken.filter((s) => s.status === 'done').length, total: taken.length };
}
