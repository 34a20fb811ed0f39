import { and, eq, sql } from 'drizzle-orm';
import { preparedOn } from '../db/prepared';
import type { Db, Tx } from '../db/client';
import { memberBlocks } from './safety.schema';

const statement = preparedOn((db: Db | Tx) =>
	db
		.select({ blockedId: memberBlocks.blockedId })
		.from(memberBlocks)
		.where(
			and(
				eq(memberBlocks.siteId, sql.placeholder('siteId')),
				eq(memberBlocks.blockerId, sql.placeholder('userId'))
			)
		)
		.prepare('kith_blocked_by')
);

/** The people the viewer blocked on this site: the board collapses their posts, the room leaves out their messages. */
export async function blockedBy(tx: Tx | Db, siteId: string, userId: string): Promise<Set<string>> {
	const rows = await statement(tx).execute({ siteId, userId });
	return new Set(rows.map((r) => r.blockedId));
}
