import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { session } from '../db/auth.schema';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { deviceName } from './device-name';

export type OwnSession = {
	id: string;
	current: boolean;
	browser: string | null;
	os: string | null;
	ip: string | null;
	createdAt: Date;
	lastSeenAt: Date;
};

/** The signed-in person's live sessions, this one first; never anyone else's. */
export async function listOwnSessions({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor;
	now?: Date;
}): Promise<OwnSession[]> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(session)
			.where(and(eq(session.userId, actor.userId), gt(session.expiresAt, now)))
			.orderBy(desc(session.createdAt));
		await recordActorAudit(tx, actor, {
			action: 'session.list',
			entityType: 'user',
			entityId: actor.userId,
			details: { count: rows.length }
		});
		return rows
			.map((row) => ({
				id: row.id,
				current: row.id === actor.sessionId,
				...deviceName(row.userAgent),
				ip: row.ipAddress || null,
				createdAt: row.createdAt,
				lastSeenAt: row.lastSeenAt ?? row.createdAt
			}))
			.sort((a, b) => Number(b.current) - Number(a.current));
	});
}
