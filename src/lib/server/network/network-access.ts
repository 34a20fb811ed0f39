// Whose map a change or a read is about. A map exists for an actor only when it is their own, a
// member shares it with them, or they facilitate an open session with its member on their site;
// anything else is "not found", exactly like an id nobody ever had.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import { networkItems, networkSessions, networkShares } from './network.schema';
import { openNetworkText } from './network-text';

export type NetworkItemRow = typeof networkItems.$inferSelect;
export type NetworkItem = Omit<NetworkItemRow, 'labelEncrypted'> & { label: string };

/** The map being worked on: the owner's id, and the facilitated session when there is one. */
export type MapOwner = { ownerId: string; sessionId: string | null };

/** A map is worked on by its member, or in a facilitated session by its facilitator. */
export function requireMapUse(actor: Actor | null, sessionId: unknown): asserts actor is Actor {
	const inSession = typeof sessionId === 'string' && sessionId.trim() !== '';
	requireUseCase(actor, inSession ? 'network.facilitate' : 'network.own');
}

/**
 * The member whose map the actor works on: their own, or, with `sessionId`, the member of an
 * open session the actor facilitates.
 */
export async function mapOwnerFor(
	tx: Tx,
	actor: Actor,
	siteId: string,
	sessionId: string | undefined
): Promise<MapOwner> {
	if (sessionId === undefined) {
		requireUseCase(actor, 'network.own');
		return { ownerId: actor.userId, sessionId: null };
	}
	requireUseCase(actor, 'network.facilitate');
	if (!isUuid(sessionId)) throw notFound();
	const [session] = await tx
		.select({ id: networkSessions.id, memberId: networkSessions.memberId })
		.from(networkSessions)
		.where(
			and(
				eq(networkSessions.id, sessionId),
				eq(networkSessions.siteId, siteId),
				eq(networkSessions.facilitatorId, actor.userId),
				eq(networkSessions.status, 'open')
			)
		)
		.limit(1);
	if (!session) throw notFound();
	return { ownerId: session.memberId, sessionId: session.id };
}

/** Whether `memberId` currently shares their map with the actor on the site; else "not found". */
export async function requireSharedWith(
	tx: Tx,
	actor: Actor | null,
	siteId: string,
	memberId: string
): Promise<Actor> {
	requireUseCase(actor, 'network.read_shared');
	const [share] = await tx
		.select({ id: networkShares.id })
		.from(networkShares)
		.where(
			and(
				eq(networkShares.siteId, siteId),
				eq(networkShares.memberId, memberId),
				eq(networkShares.sharedWithUserId, actor.userId),
				isNull(networkShares.revokedAt)
			)
		)
		.limit(1);
	if (!share) throw notFound();
	return actor;
}

/** Every item of a map, labels opened, in the order they were added. */
export async function itemsOf(
	tx: Tx,
	secret: string,
	siteId: string,
	ownerId: string
): Promise<NetworkItem[]> {
	const rows = await tx
		.select()
		.from(networkItems)
		.where(and(eq(networkItems.siteId, siteId), eq(networkItems.userId, ownerId)))
		.orderBy(asc(networkItems.createdAt), asc(networkItems.id));
	return rows.map(({ labelEncrypted, ...row }) => ({
		...row,
		label: openNetworkText(secret, { ownerId, table: 'item', id: row.id }, labelEncrypted)
	}));
}

/** One item of the map, or "not found". */
export async function itemOf(
	tx: Tx,
	siteId: string,
	ownerId: string,
	itemId: string
): Promise<NetworkItemRow> {
	if (!isUuid(itemId)) throw notFound();
	const [row] = await tx
		.select()
		.from(networkItems)
		.where(
			and(
				eq(networkItems.id, itemId),
				eq(networkItems.siteId, siteId),
				eq(networkItems.userId, ownerId)
			)
		)
		.limit(1);
	if (!row) throw notFound();
	return row;
}
