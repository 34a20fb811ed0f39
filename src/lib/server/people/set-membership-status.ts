import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { session } from '../db/auth.schema';
import { AppError } from '../errors';
import { memberships } from './people.schema';
import { rolesOnSite } from './site-roles';

/**
 * Suspends a person's membership on the actor's site (every role they hold there grants nothing,
 * and their sessions looking at this site end) or reinstates it; never the actor's own. Their
 * account and other sites are untouched. Audited.
 */
export async function setMembershipStatus({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { userId: string; suspended: boolean };
}): Promise<{ sessionsEnded: number }> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		await rolesOnSite(tx, site.id, input.userId);
		if (input.userId === actor.userId)
			throw new AppError('invalid_input', { account: 'person_self' });
		await tx
			.update(memberships)
			.set({ suspendedAt: input.suspended ? new Date() : null })
			.where(and(eq(memberships.siteId, site.id), eq(memberships.userId, input.userId)));
		const ended = input.suspended
			? await tx
					.delete(session)
					.where(and(eq(session.userId, input.userId), eq(session.activeSiteId, site.id)))
					.returning({ id: session.id })
			: [];
		await recordActorAudit(tx, actor, {
			action: input.suspended ? 'membership.suspend' : 'membership.reinstate',
			entityType: 'user',
			entityId: input.userId,
			details: input.suspended ? { sessionsEnded: ended.length } : null
		});
		return { sessionsEnded: ended.length };
	});
}
