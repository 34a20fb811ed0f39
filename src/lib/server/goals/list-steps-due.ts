import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { goals, goalSteps } from './goals.schema';

export type StepDue = {
	id: string;
	text: string;
	goalId: string;
	goalText: string;
	/** The calendar day it is due (YYYY-MM-DD, the site's days). */
	targetDate: string;
	overdue: boolean;
};

/**
 * The open steps of the member's active goals due on or before `until` (a calendar day of the
 * site), overdue ones included, soonest first. Goals are a health record: read in a transaction
 * with its audit record, like the goals page (`goal.list`).
 */
export async function listStepsDue({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { today: string; until: string; limit: number };
}): Promise<StepDue[]> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: goalSteps.id,
				text: goalSteps.text,
				goalId: goals.id,
				goalText: goals.text,
				targetDate: goalSteps.targetDate
			})
			.from(goalSteps)
			.innerJoin(goals, eq(goals.id, goalSteps.goalId))
			.where(
				and(
					eq(goals.siteId, site.id),
					eq(goals.userId, actor.userId),
					eq(goals.status, 'active'),
					eq(goalSteps.status, 'open'),
					isNotNull(goalSteps.targetDate),
					lte(goalSteps.targetDate, input.until)
				)
			)
			.orderBy(asc(goalSteps.targetDate), asc(goalSteps.position))
			.limit(input.limit);
		await recordActorAudit(tx, actor, {
			action: 'goal.list',
			entityType: 'goal',
			entityId: null,
			details: { view: 'today', steps: rows.length }
		});
		return rows.flatMap((r) =>
			r.targetDate ? [{ ...r, targetDate: r.targetDate, overdue: r.targetDate < input.today }] : []
		);
	});
}
