import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { goals } from './goals.schema';
import { progressOf, stepsOf, type Goal, type GoalStep } from './goal-access';
import { recordActorAudit } from '../audit/record-audit';

export type GoalSummary = Goal & { steps: GoalStep[]; progress: { done: number; total: number } };

/** The member's own goals on their site, active ones first, with steps and progress; audited. */
export async function listGoals({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<GoalSummary[]> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(goals)
			.where(and(eq(goals.siteId, site.id), eq(goals.userId, actor.userId)))
			.orderBy(sql`${goals.status} = 'active' desc`, desc(goals.createdAt), desc(goals.id));
		const steps = await stepsOf(
			tx,
			rows.map((g) => g.id)
		);
		await recordActorAudit(tx, actor, {
			action: 'goal.list',
			entityType: 'goal',
			entityId: null,
			details: { goals: rows.length, steps: steps.length }
		});
		return rows.map((goal) => {
			const own = steps.filter((s) => s.goalId === goal.id);
			return { ...goal, steps: own, progress: progressOf(own) };
		});
	});
}
