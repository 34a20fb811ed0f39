import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { session } from '../db/auth.schema';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';

export const ZEndSessionInput = z.object({ sessionId: z.string().min(1).max(100) });
export type TEndSessionInput = z.infer<typeof ZEndSessionInput>;

/**
 * Signs one of the person's other devices out. A session that is not theirs, does not exist, or is
 * the one making the request all answer "not found".
 */
export async function endOwnSession({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor;
	input: TEndSessionInput;
}): Promise<void> {
	await db.transaction(async (tx) => {
		const ended = await tx
			.delete(session)
			.where(
				and(
					eq(session.id, input.sessionId),
					eq(session.userId, actor.userId),
					ne(session.id, actor.sessionId)
				)
			)
			.returning({ id: session.id });
		if (ended.length === 0) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'session.revoke',
			entityType: 'session',
			entityId: input.sessionId,
			details: { count: 1 }
		});
	});
}
