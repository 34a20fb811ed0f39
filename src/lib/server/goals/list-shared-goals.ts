import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { goals, goalShares } from './goals.schema';
import { progressOf, stepsOf, type GoalStep } from './goal-access';
import { recordActorAudit } from '../audit/record-audit';

export type SharedGoal = {
	id: string;
	text: string;
	status: 'active' | 'achieved' | 'set_aside';
	memberName: string;
	sharedAt: Date;
	/** Accepted steps only: proposals and declined steps stay the member's own business. */
	steps: GoalStep[];
	progress: { done: number; total: number };
};

/**
 * The goals members of the actor's site currently share with them (revoked shares are gone at
 * once), read-only; each goal read is audited.
 */
export async function listSharedGoals({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<SharedGoal[]> {
	requireUseCase(actor, 'goals.read_shared');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: goals.id,
				text: goals.text,
				status: goals.status,
				accountName: user.name,
				displayName: profiles.displayName,
				sharedAt: goalShares.createdAt
			})
			.from(goalShares)
			.innerJoin(goals, eq(goals.id, goalShares.goalId))
			.innerJoin(user, eq(user.id, goals.userId))
			.leftJoin(profiles, eq(profiles.userId, goals.userId))
			.where(
				and(
					eq(goalShares.sharedWithUserId, actor.userId),
					isNull(goalShares.revokedAt),
					eq(goals.siteId, site.id)
				)
			)
			.orderBy(desc(goalShares.createdAt), desc(goals.id));
		const steps = (
			await stepsOf(
				tx,
				rows.map((r) => r.id)
			)
		).filter((s) => s.status === 'open' || s.status === 'done');
		for (const row of rows)
			await recordActorAudit(tx, actor, {
				action: 'goal.read_shared',
				entityType: 'goal',
				entityId: row.id
			});
		return rows.map((row) => {
			const own = steps.filter((s) => s.goalId === row.id);
			return {
				id: row.id,
				text: row.text,
				status: row.status,
				memberName: row.displayName ?? row.accountName,
				sharedAt: row.sharedAt,
				steps: own,
				progress: progressOf(own)
			};
		});
	});
}
