import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { session } from '../db/auth.schema';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';

/** Signs the person out everywhere except the device making the request; returns how many ended. */
export async function endOtherSessions({ db, actor }: { db: Db; actor: Actor }): Promise<number> {
	return db.transaction(async (tx) => {
		const ended = await tx
			.delete(session)
			.where(and(eq(session.userId, actor.userId), ne(session.id, actor.sessionId)))
			.returning({ id: session.id });
		await recordActorAudit(tx, actor, {
			action: 'session.revoke',
			entityType: 'user',
			entityId: actor.userId,
			details: { count: ended.length, scope: 'others' }
		});
		return ended.length;
	});
}
