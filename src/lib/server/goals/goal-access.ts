// Lookups every goal use case shares. A goal exists for an actor only when it is on their site and
// theirs; anything else is "not found", exactly like an id nobody ever had.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { actingRole, type Actor } from '../access/actor';
import { recordAudit, type AuditDetails } from '../audit/record-audit';
import { notFound } from '../errors';
import { goalSteps, goals } from './goals.schema';

export type Goal = typeof goals.$inferSelect;
export type GoalStep = typeof goalSteps.$inferSelect;

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor's own goal on their site, or "not found". */
export async function ownGoal(tx: Tx, actor: Actor, siteId: string, goalId: string): Promise<Goal> {
	if (!uuidShape.test(goalId)) throw notFound();
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
	if (!uuidShape.test(stepId)) throw notFound();
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

/** Goals and steps are personal health data: every read and write leaves an audit record. */
export function auditGoal(
	tx: Tx,
	actor: Actor,
	siteId: string,
	entry: {
		action: string;
		entityType: 'goal' | 'goal_step';
		/** Null for a read of several records (the details then say how many). */
		entityId: string | null;
		details?: AuditDetails;
	}
): Promise<void> {
	return recordAudit(tx, {
		actorUserId: actor.userId,
		actingRole: actingRole(actor),
		siteId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId,
		outcome: 'success',
		ip: actor.ip,
		details: entry.details ?? null
	});
}

/** Done out of the steps the member has taken on (proposed and declined ones do not count). */
export function progressOf(steps: readonly Pick<GoalStep, 'status'>[]): {
	done: number;
	total: number;
} {
	const taken = steps.filter((s) => s.status === 'open' || s.status === 'done');
	return { done: taken.filter((s) => s.status === 'done').length, total: taken.length };
}
