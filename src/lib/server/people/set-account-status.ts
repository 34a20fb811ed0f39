import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { session, user } from '../db/auth.schema';
import { AppError, notFound } from '../errors';

/**
 * Turns a person's account off (and signs them out everywhere at once) or back on; never the
 * actor's own. The account is one login across sites, so this stops it everywhere: the platform
 * admin's alone (a site admin suspends a membership instead, `setMembershipStatus`). Audited.
 */
export async function setAccountStatus({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { userId: string; disabled: boolean };
}): Promise<{ sessionsEnded: number }> {
	requireUseCase(actor, 'platform.people');
	return db.transaction(async (tx) => {
		const [found] = await tx
			.select({ id: user.id })
			.from(user)
			.where(eq(user.id, input.userId.slice(0, 100)));
		if (!found) throw notFound();
		if (input.userId === actor.userId)
			throw new AppError('invalid_input', { account: 'person_self' });
		await tx
			.update(user)
			.set({ disabledAt: input.disabled ? new Date() : null })
			.where(eq(user.id, input.userId));
		const ended = input.disabled
			? await tx
					.delete(session)
					.where(eq(session.userId, input.userId))
					.returning({ id: session.id })
			: [];
		await recordActorAudit(tx, actor, {
			action: input.disabled ? 'account.disable' : 'account.enable',
			entityType: 'user',
			entityId: input.userId,
			details: input.disabled ? { sessionsEnded: ended.length } : null
		});
		return { sessionsEnded: ended.length };
	});
}
