import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { goalShares } from './goals.schema';
import { ownGoal, progressOf, stepsOf, type Goal, type GoalStep } from './goal-access';
import { weeklyProgress, type ChartWeek } from './goal-chart';
import { supportersOnSite, type Supporter } from './supporters';
import { parseInput, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export const ZGetGoalInput = z.object({ goalId: zId });

export type GoalDetail = Goal & {
	steps: GoalStep[];
	progress: { done: number; total: number };
	chart: ChartWeek[];
	/** The supporters who can see this goal now. */
	sharedWith: Supporter[];
};

/** One of the member's own goals with steps, chart and current shares; audited. */
export async function getGoal({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZGetGoalInput>;
	now?: Date;
}): Promise<GoalDetail> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	const { goalId } = parseInput(ZGetGoalInput, input);
	return db.transaction(async (tx) => {
		const goal = await ownGoal(tx, actor, site.id, goalId);
		const steps = await stepsOf(tx, [goal.id]);
		const shares = await tx
			.select({ userId: goalShares.sharedWithUserId })
			.from(goalShares)
			.where(and(eq(goalShares.goalId, goal.id), isNull(goalShares.revokedAt)));
		const sharedWith = await supportersOnSite(tx, site.id, {
			userIds: shares.map((s) => s.userId)
		});
		await recordActorAudit(tx, actor, {
			action: 'goal.read',
			entityType: 'goal',
			entityId: goal.id,
			details: { steps: steps.length }
		});
		return {
			...goal,
			steps,
			progress: progressOf(steps),
			chart: weeklyProgress(goal, steps, site.timeZone, now),
			sharedWith
		};
	});
}
