// Bookkeeping a page view leaves behind (a read mark, the audit record of reading group content)
// is written after the page has been answered, in batches, so a view neither waits for a commit's
// fsync nor queues behind another view of the same person on the same row. Decision 0009 says
// which records may be written this way and which stay in the page's own transaction.
//
// A queue belongs to one database handle (a test's PGlite, the instance's pool) and flushes
// `lingerMs` after its first item, or at once when it holds `batchSize`. While the database is
// unreachable the items are kept and retried with back-off; a batch the database refuses for
// another reason (a row that vanished meanwhile) is written item by item, so one bad item costs
// only itself. Shutdown flushes every queue before the database closes (flushWritesBehind).
import type { Db, Tx } from './client';
import { isDatabaseUnavailable } from './unavailable';
import { logger } from '../logger';

export type WriteBehind<T> = {
	/** Queues `item` for `db`; an item with the key of a queued one is merged into it. */
	add: (db: Db, item: T) => void;
	/**
	 * The items for `db` that a read of the database begun at `readSince` (Date.now()) may not
	 * show: those not written yet, and those written since, for a page that must show them already.
	 */
	pending: (db: Db, readSince: number) => Iterable<T>;
	/** The one such item with this key, if any. */
	queued: (db: Db, key: string, readSince: number) => T | undefined;
};

type Queue = { flush: () => Promise<void> };

/** Every queue of every kind, by database handle, for flushWritesBehind. */
const queuesOf = new WeakMap<Db, Set<Queue>>();

const maxItems = 100_000;
/** How long a written item is remembered for reads that began before it was written. */
const recentMs = 10_000;

export function writeBehind<T>({
	name,
	write,
	key,
	merge = (_old, next) => next,
	lingerMs = 100,
	batchSize = 500
}: {
	/** For the log: "board reads", "view audit records". */
	name: string;
	/** Writes a batch in the transaction given; keyed items are unique within a batch. */
	write: (tx: Tx, items: T[]) => Promise<unknown>;
	/** Items with the same key are one write (a read mark per thread and person). */
	key?: (item: T) => string;
	merge?: (queued: T, next: T) => T;
	lingerMs?: number;
	batchSize?: number;
}): WriteBehind<T> {
	const queues = new WeakMap<Db, ReturnType<typeof queueFor>>();

	function queueFor(db: Db) {
		let items = new Map<string, T>();
		/** The batch being written: still "pending" to readers until it is stored. */
		let writing = new Map<string, T>();
		/**
		 * What was written in the last moments, for a reader whose own read of the database began
		 * before that write committed (else a view that raced a flush would see neither).
		 */
		const recent = new Map<string, { item: T; writtenAt: number }>();
		const since = (k: string, readSince: number) => {
			const r = recent.get(k);
			return r && r.writtenAt >= readSince ? r.item : undefined;
		};
		let serial = 0;
		let timer: NodeJS.Timeout | null = null;
		let running: Promise<void> = Promise.resolve();
		let retryMs = 0;

		const schedule = (ms: number) => {
			if (timer) return;
			timer = setTimeout(() => {
				timer = null;
				void queue.flush();
			}, ms);
			timer.unref();
		};

		/** Puts `batch` back in front of what came meanwhile (which is newer), to try again later. */
		const keep = (batch: T[]) => {
			const kept = new Map<string, T>();
			for (const item of batch) kept.set(key?.(item) ?? `#${serial++}`, item);
			for (const [k, item] of items) {
				const old = kept.get(k);
				kept.set(k, old === undefined ? item : merge(old, item));
			}
			items = kept;
		};

		const writeAll = async (batch: T[]): Promise<void> => {
			try {
				await db.transaction((tx) => write(tx, batch));
				retryMs = 0;
			} catch (e) {
				if (isDatabaseUnavailable(e)) {
					keep(batch);
					retryMs = Math.min(Math.max(retryMs * 2, 500), 10_000);
					logger.warn(
						{ queue: name, kept: items.size, retryInMs: retryMs },
						'database unreachable; the writes behind pages wait'
					);
					schedule(retryMs);
					return;
				}
				if (batch.length === 1) {
					logger.error({ queue: name, err: e }, 'a write behind a page was refused and dropped');
					return;
				}
				for (const [i, item] of batch.entries()) {
					await writeAll([item]);
					if (retryMs) return keep(batch.slice(i + 1));
				}
			}
		};

		const queue = {
			add(item: T) {
				const k = key?.(item) ?? `#${serial++}`;
				const old = items.get(k);
				items.set(k, old === undefined ? item : merge(old, item));
				if (items.size > maxItems) {
					const [oldest] = items.keys();
					if (oldest !== undefined) items.delete(oldest);
					logger.error({ queue: name }, 'write-behind queue full; the oldest item was dropped');
				}
				if (items.size === batchSize && !retryMs) void queue.flush();
				else schedule(retryMs || lingerMs);
			},
			*pending(readSince: number) {
				for (const r of recent.values()) if (r.writtenAt >= readSince) yield r.item;
				yield* writing.values();
				yield* items.values();
			},
			queued: (k: string, readSince: number) =>
				items.get(k) ?? writing.get(k) ?? since(k, readSince),
			flush(): Promise<void> {
				running = running.then(async () => {
					if (timer) clearTimeout(timer);
					timer = null;
					while (items.size > 0) {
						const entries = [...items.entries()];
						writing = new Map(entries.slice(0, batchSize));
						items = new Map(entries.slice(batchSize));
						await writeAll([...writing.values()]);
						const now = Date.now();
						for (const [k, r] of recent) if (r.writtenAt < now - recentMs) recent.delete(k);
						// Only keyed items are ever asked for again (a mark, a touch); an unkeyed record is not.
						if (!retryMs && key)
							for (const [k, item] of writing) recent.set(k, { item, writtenAt: now });
						writing = new Map();
						if (retryMs) return;
					}
				});
				return running;
			}
		};
		return queue;
	}

	const of = (db: Db) => {
		let queue = queues.get(db);
		if (!queue) {
			queue = queueFor(db);
			queues.set(db, queue);
			const all = queuesOf.get(db) ?? new Set<Queue>();
			all.add(queue);
			queuesOf.set(db, all);
		}
		return queue;
	};

	return {
		add: (db, item) => of(db).add(item),
		pending: (db, readSince) => queues.get(db)?.pending(readSince) ?? [],
		queued: (db, k, readSince) => queues.get(db)?.queued(k, readSince)
	};
}

/**
 * Writes out everything queued behind pages for `db`: at shutdown before the database closes,
 * and in tests before they look at what a view recorded. A queue whose database is unreachable
 * keeps its items (and says so in the log) rather than waiting here.
 */
export async function flushWritesBehind(db: Db): Promise<void> {
	await Promise.all([...(queuesOf.get(db) ?? [])].map((q) => q.flush()));
}
