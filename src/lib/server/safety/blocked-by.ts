import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { memberBlocks } from './safety.schema';

/** The people the viewer blocked on this site: the board collapses their posts, the room leaves out their messages. */
export async function blockedBy(tx: Tx | Db, siteId: string, userId: string): Promise<Set<string>> {
	const rows = await tx
		.select({ blockedId: memberBlocks.blockedId })
		.from(memberBlocks)
		.where(and(eq(memberBlocks.siteId, siteId), eq(memberBlocks.blockerId, userId)));
	return new Set(rows.map((r) => r.blockedId));
}
