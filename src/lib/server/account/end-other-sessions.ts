import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { session } from '../db/auth.schema';
import { actingRole, type Actor } from '../access/actor';
import { recordAudit } from '../audit/record-audit';

/** Signs the person out everywhere except the device making the request; returns how many ended. */
export async function endOtherSessions({ db, actor }: { db: Db; actor: Actor }): Promise<number> {
	return db.transaction(async (tx) => {
		const ended = await tx
			.delete(session)
			.where(and(eq(session.userId, actor.userId), ne(session.id, actor.sessionId)))
			.returning({ id: session.id });
		await recordAudit(tx, {
			actorUserId: actor.userId,
			actingRole: actingRole(actor),
			siteId: actor.site?.id ?? null,
			action: 'session.revoke',
			entityType: 'user',
			entityId: actor.userId,
			outcome: 'success',
			ip: actor.ip,
			details: { count: ended.length, scope: 'others' }
		});
		return ended.length;
	});
}
