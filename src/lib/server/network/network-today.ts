import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { displayNames } from '../people/names';
import { networkItems, networkSessions, networkSuggestions } from './network.schema';
import { summarise, type NetworkSummary } from './network-summary';

export type NetworkToday = {
	summary: NetworkSummary;
	suggestions: number;
	/** Facilitators waiting for the member's answer, by name. */
	askedBy: string[];
};

/**
 * What Today says of the member's own map: its summary (no labels are read), suggestions waiting
 * and sessions asked for. The member's own read: not audited, as their goals' card is not.
 */
export async function networkToday({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<NetworkToday> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const items = await tx
			.select({
				kind: networkItems.kind,
				circle: networkItems.circle,
				contact: networkItems.contact,
				emotional: networkItems.emotional,
				practical: networkItems.practical,
				illness: networkItems.illness
			})
			.from(networkItems)
			.where(and(eq(networkItems.siteId, site.id), eq(networkItems.userId, actor.userId)));
		const [waiting] = await tx
			.select({ n: count() })
			.from(networkSuggestions)
			.where(
				and(
					eq(networkSuggestions.siteId, site.id),
					eq(networkSuggestions.memberId, actor.userId),
					eq(networkSuggestions.status, 'pending')
				)
			);
		const asked = await tx
			.select({ facilitatorId: networkSessions.facilitatorId })
			.from(networkSessions)
			.where(
				and(
					eq(networkSessions.siteId, site.id),
					eq(networkSessions.memberId, actor.userId),
					inArray(networkSessions.status, ['asked'])
				)
			);
		const names = await displayNames(
			tx,
			asked.map((a) => a.facilitatorId)
		);
		return {
			summary: summarise(items),
			suggestions: waiting?.n ?? 0,
			askedBy: asked.map((a) => names.get(a.facilitatorId) ?? '—')
		};
	});
}
