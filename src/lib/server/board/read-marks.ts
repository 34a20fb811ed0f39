import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { writeBehind } from '../db/write-behind';
import { boardReads } from './board.schema';

export type ReadMark = { threadId: string; userId: string; readAt: Date };

// Written behind the thread page (decision 0009): a read mark only sets the unread counts, and
// concurrent views by one person would otherwise queue on its row. A later mark never loses to an
// earlier one, whichever instance writes first.
const marks = writeBehind<ReadMark>({
	name: 'board read marks',
	key: (m) => `${m.threadId} ${m.userId}`,
	merge: (queued, next) => (next.readAt > queued.readAt ? next : queued),
	write: (tx, rows) =>
		tx
			.insert(boardReads)
			.values(rows)
			.onConflictDoUpdate({
				target: [boardReads.threadId, boardReads.userId],
				set: { readAt: sql`greatest(${boardReads.readAt}, excluded.read_at)` }
			})
});

/** Marks the thread read by the person as of `readAt`, without waiting for the write. */
export function markThreadRead(db: Db, mark: ReadMark): void {
	marks.add(db, mark);
}

/**
 * The person's read marks of this instance that a read of board_reads begun at `readSince` may
 * not show (not written yet, or written since), by thread.
 */
export function pendingReadsOf(db: Db, userId: string, readSince: number): Map<string, Date> {
	const pending = new Map<string, Date>();
	for (const m of marks.pending(db, readSince)) {
		const seen = pending.get(m.threadId);
		if (m.userId === userId && (!seen || m.readAt > seen)) pending.set(m.threadId, m.readAt);
	}
	return pending;
}
