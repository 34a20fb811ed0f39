// The realtime bus: tiny notifications between app instances through the database itself.
// PGlite listens in-process; PostgreSQL uses LISTEN on ONE dedicated connection per instance,
// reconnected with back-off. A notification is sent with pg_notify inside the writing
// transaction, so PostgreSQL delivers it only if that transaction commits — nothing is announced
// that did not happen. Payloads are ids only (never message text or anything about a person);
// subscribers read the database for the rest.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { logger } from '../logger';

export type Notify = (payload: string) => void;

export type RealtimeBus = {
	/** Announces `payload` on `channel` when (and only if) `tx` commits. */
	publish: (tx: Tx, channel: string, payload: string) => Promise<void>;
	/**
	 * Calls `onNotify` for every notification on `channel`, and with '' after a lost LISTEN
	 * connection came back (notifications may have been missed: re-read the database).
	 */
	subscribe: (channel: string, onNotify: Notify) => Promise<() => Promise<void>>;
	close: () => Promise<void>;
};

/** Channel names are identifiers: lower-case letters, digits and underscores, at most 63. */
const channelShape = /^[a-z][a-z0-9_]{0,62}$/;
function checkChannel(channel: string): void {
	if (!channelShape.test(channel)) throw new Error(`invalid channel name ${channel}`);
}

/** pg_notify inside the writing transaction: delivered by every provider only if it commits. */
export async function publish(tx: Tx, channel: string, payload: string): Promise<void> {
	checkChannel(channel);
	await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/**
 * Subscribers per channel with one LISTEN each: the first subscriber listens, the last one to
 * leave unlistens. `listen`/`unlisten` are the provider's.
 */
function fanOut(provider: {
	listen: (channel: string) => Promise<void>;
	unlisten: (channel: string) => Promise<void>;
}) {
	const channels = new Map<string, { subscribers: Set<Notify>; ready: Promise<void> }>();
	const deliver = (channel: string, payload: string) => {
		for (const fn of channels.get(channel)?.subscribers ?? []) {
			try {
				fn(payload);
			} catch (e) {
				logger.error({ err: e instanceof Error ? e.message : 'unknown' }, 'realtime subscriber');
			}
		}
	};
	const subscribe = async (channel: string, onNotify: Notify) => {
		checkChannel(channel);
		let entry = channels.get(channel);
		if (!entry) {
			entry = { subscribers: new Set(), ready: provider.listen(channel) };
			channels.set(channel, entry);
		}
		entry.subscribers.add(onNotify);
		await entry.ready;
		const current = entry;
		return async () => {
			current.subscribers.delete(onNotify);
			if (current.subscribers.size === 0 && channels.get(channel) === current) {
				channels.delete(channel);
				await provider.unlisten(channel).catch(() => undefined);
			}
		};
	};
	return { channels, deliver, subscribe };
}

function pgliteBus(database: Database): RealtimeBus {
	const pglite = database.raw.pglite;
	if (!pglite) throw new Error('PGlite bus without a PGlite database');
	const unlisteners = new Map<string, () => Promise<void>>();
	const hub = fanOut({
		listen: async (channel) => {
			unlisteners.set(
				channel,
				await pglite.listen(channel, (payload) => hub.deliver(channel, payload))
			);
		},
		unlisten: async (channel) => {
			await unlisteners.get(channel)?.();
			unlisteners.delete(channel);
		}
	});
	return {
		publish,
		subscribe: hub.subscribe,
		close: async () => {
			for (const channel of [...hub.channels.keys()]) {
				hub.channels.delete(channel);
				await unlisteners
					.get(channel)?.()
					.catch(() => undefined);
			}
		}
	};
}

function postgresBus(url: string): RealtimeBus {
	let client: pg.Client | null = null;
	let connecting: Promise<pg.Client> | null = null;
	let closed = false;
	let retryMs = 250;
	const quote = (channel: string) => `"${channel}"`;

	const connect = (): Promise<pg.Client> => {
		connecting ??= (async () => {
			const c = new pg.Client({ connectionString: url, application_name: 'kith-realtime' });
			c.on('notification', (msg) => hub.deliver(msg.channel, msg.payload ?? ''));
			c.on('error', (e) => {
				logger.warn({ err: e.message }, 'realtime connection error');
				lost(c);
			});
			c.on('end', () => lost(c));
			await c.connect();
			for (const channel of hub.channels.keys()) await c.query(`listen ${quote(channel)}`);
			client = c;
			retryMs = 250;
			return c;
		})().finally(() => {
			connecting = null;
		});
		return connecting;
	};

	/** The LISTEN connection dropped: reconnect, re-listen, and tell everyone to re-read. */
	const lost = (c: pg.Client) => {
		if (client !== c) return;
		client = null;
		c.end().catch(() => undefined);
		if (closed) return;
		const retry = () => {
			if (closed) return;
			connect().then(
				() => {
					for (const channel of hub.channels.keys()) hub.deliver(channel, '');
				},
				(e: unknown) => {
					logger.warn({ err: e instanceof Error ? e.message : 'unknown' }, 'realtime reconnect');
					retryMs = Math.min(retryMs * 2, 10_000);
					setTimeout(retry, retryMs).unref();
				}
			);
		};
		setTimeout(retry, retryMs).unref();
	};

	const live = async (): Promise<pg.Client> => client ?? (await connect());
	const hub = fanOut({
		listen: async (channel) => {
			await (await live()).query(`listen ${quote(channel)}`);
		},
		unlisten: async (channel) => {
			if (client) await client.query(`unlisten ${quote(channel)}`);
		}
	});
	return {
		publish,
		subscribe: hub.subscribe,
		close: async () => {
			closed = true;
			hub.channels.clear();
			const c = client ?? (await connecting?.catch(() => null)) ?? null;
			client = null;
			await c?.end().catch(() => undefined);
		}
	};
}

/** The bus that fits the database: in-process for PGlite, a LISTEN connection for PostgreSQL. */
export function createBus(database: Database, url: string | undefined): RealtimeBus {
	if (database.kind === 'postgres') {
		if (!url) throw new Error('PostgreSQL realtime bus needs the database URL');
		return postgresBus(url);
	}
	return pgliteBus(database);
}
