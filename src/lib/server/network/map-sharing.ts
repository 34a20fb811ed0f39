import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { supportersOnSite, type Supporter } from '../goals/supporters';
import { displayNames } from '../people/names';
import {
	networkSessions,
	networkShares,
	networkSuggestions,
	type NetworkKind
} from './network.schema';
import { openNetworkText } from './network-text';

export type MapSharing = {
	/** Who sees the map now. */
	sharedWith: { userId: string; name: string }[];
	/** Who the member may share it with. */
	supporters: Supporter[];
	suggestions: { id: string; label: string; kind: NetworkKind; circle: number; by: string }[];
	/** Facilitated sessions asked for or open. */
	sessions: { id: string; status: 'asked' | 'open'; facilitator: string }[];
};

/** Everything about who else takes part in the member's map: shares, suggestions, sessions. */
export async function mapSharing({
	app,
	actor
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
}): Promise<MapSharing> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	return app.db.transaction(async (tx) => {
		const shares = await tx
			.select({ userId: networkShares.sharedWithUserId })
			.from(networkShares)
			.where(
				and(
					eq(networkShares.siteId, site.id),
					eq(networkShares.memberId, actor.userId),
					isNull(networkShares.revokedAt)
				)
			)
			.orderBy(asc(networkShares.createdAt));
		const pending = await tx
			.select()
			.from(networkSuggestions)
			.where(
				and(
					eq(networkSuggestions.siteId, site.id),
					eq(networkSuggestions.memberId, actor.userId),
					eq(networkSuggestions.status, 'pending')
				)
			)
			.orderBy(asc(networkSuggestions.createdAt));
		const sessions = await tx
			.select()
			.from(networkSessions)
			.where(
				and(
					eq(networkSessions.siteId, site.id),
					eq(networkSessions.memberId, actor.userId),
					inArray(networkSessions.status, ['asked', 'open'])
				)
			)
			.orderBy(asc(networkSessions.createdAt));
		const supporters = await supportersOnSite(tx, site.id, { exceptUserId: actor.userId });
		const names = new Map(supporters.map((s) => [s.userId, s.name]));
		const others = await displayNames(tx, [
			...shares.map((s) => s.userId),
			...pending.map((p) => p.suggestedBy),
			...sessions.map((s) => s.facilitatorId)
		]);
		const nameOf = (id: string) => names.get(id) ?? others.get(id) ?? '—';
		return {
			sharedWith: shares.map((s) => ({ userId: s.userId, name: nameOf(s.userId) })),
			supporters,
			suggestions: pending.map((p) => ({
				id: p.id,
				label: openNetworkText(
					app.config.secret,
					{ ownerId: actor.userId, table: 'suggestion', id: p.id },
					p.labelEncrypted
				),
				kind: p.kind,
				circle: p.circle,
				by: nameOf(p.suggestedBy)
			})),
			sessions: sessions.map((s) => ({
				id: s.id,
				status: s.status === 'open' ? ('open' as const) : ('asked' as const),
				facilitator: nameOf(s.facilitatorId)
			}))
		};
	});
}
