// The hubs of this instance, one per live session, per app (tests run two apps in one process),
// and their end at shutdown: a stream opened while the app is closing ends at once, and its
// browser reconnects elsewhere with Last-Event-ID.
import type { RealtimeBus } from '../realtime/bus';
import type { Conn } from './delivery';
import { Hub, type LiveDeps } from './room-live';

/** Hubs per app (tests run two apps in one process), per session. */
const registries = new WeakMap<RealtimeBus, Map<string, Promise<Hub>>>();

/** The hub of a session on this instance, started on first use. */
export function hubFor(
	deps: LiveDeps,
	at: { siteId: string; groupId: string; sessionId: string }
): Promise<Hub> {
	const { siteId, groupId, sessionId } = at;
	let hubs = registries.get(deps.realtime);
	if (!hubs) {
		hubs = new Map();
		registries.set(deps.realtime, hubs);
	}
	const registry = hubs;
	let hub = registry.get(sessionId);
	if (!hub) {
		const created: Promise<Hub> = (async () => {
			const h = new Hub(deps, siteId, groupId, sessionId, () => {
				if (registry.get(sessionId) === created) registry.delete(sessionId);
			});
			await h.start();
			return h;
		})();
		created.catch(() => registry.delete(sessionId));
		registry.set(sessionId, created);
		hub = created;
	}
	return hub;
}

/** Leaves (presence rows being removed) still under way, per app. */
const leaving = new WeakMap<RealtimeBus, Set<Promise<void>>>();

/** Takes a connection out of its hub; shutdown waits for it (presence rows, a last notice). */
export function leave(bus: RealtimeBus, hub: Hub, conn: Conn): void {
	let pending = leaving.get(bus);
	if (!pending) leaving.set(bus, (pending = new Set()));
	const left = hub.remove(conn).catch(() => undefined);
	const set = pending;
	set.add(left);
	void left.finally(() => set.delete(left));
}

/** Apps shutting down: a stream opened now ends at once, and its browser tries elsewhere. */
const closing = new WeakSet<RealtimeBus>();

export const isClosing = (bus: RealtimeBus): boolean => closing.has(bus);

/**
 * Ends every live connection of this app, for good, and waits for them to leave (shutdown,
 * tests). Browsers reconnect by themselves with Last-Event-ID, to another instance if there is
 * one, and miss nothing.
 */
export async function closeLiveRooms(deps: Pick<LiveDeps, 'realtime'>): Promise<void> {
	closing.add(deps.realtime);
	for (const hub of registries.get(deps.realtime)?.values() ?? []) {
		const h = await hub.catch(() => null);
		h?.closeAll();
	}
	await Promise.all(leaving.get(deps.realtime) ?? []);
}
