import { z } from 'zod';
import { and, count, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError, notFound } from '../errors';
import { recordXactLock } from '../jobs/locks';
import { isUuid, parseInput, zId } from '../validation';
import { networkItems, networkSuggestions } from './network.schema';
import { openNetworkText, sealNetworkText } from './network-text';
import { MAX_ITEMS } from './network.validation';

export const ZDecideSuggestionInput = z.object({
	suggestionId: zId,
	decision: z.enum(['accept', 'decline'], 'err_invalid')
});

/**
 * The member accepts a pending suggestion (it joins the map as a new item, within the 100-item
 * limit) or declines it. Audited.
 */
export async function decideSuggestion({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZDecideSuggestionInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	const { suggestionId, decision } = parseInput(ZDecideSuggestionInput, input);
	if (!isUuid(suggestionId)) throw notFound();
	await app.db.transaction(async (tx) => {
		await tx.execute(recordXactLock('networkMap', actor.userId));
		const [s] = await tx
			.select()
			.from(networkSuggestions)
			.where(
				and(
					eq(networkSuggestions.id, suggestionId),
					eq(networkSuggestions.siteId, site.id),
					eq(networkSuggestions.memberId, actor.userId),
					eq(networkSuggestions.status, 'pending')
				)
			)
			.limit(1);
		if (!s) throw notFound();
		if (decision === 'accept') {
			const [held] = await tx
				.select({ n: count() })
				.from(networkItems)
				.where(and(eq(networkItems.siteId, site.id), eq(networkItems.userId, actor.userId)));
			if ((held?.n ?? 0) >= MAX_ITEMS)
				throw new AppError('invalid_input', { suggestionId: 'net_err_full' }, { max: MAX_ITEMS });
			const label = openNetworkText(
				app.config.secret,
				{ ownerId: actor.userId, table: 'suggestion', id: s.id },
				s.labelEncrypted
			);
			// The suggestion's id becomes the item's, so the audit trail ties the two together.
			await tx.insert(networkItems).values({
				id: s.id,
				siteId: site.id,
				userId: actor.userId,
				labelEncrypted: sealNetworkText(
					app.config.secret,
					{ ownerId: actor.userId, table: 'item', id: s.id },
					label
				),
				kind: s.kind,
				circle: s.circle,
				contact: 'monthly'
			});
		}
		await tx
			.update(networkSuggestions)
			.set({ status: decision === 'accept' ? 'accepted' : 'declined', decidedAt: now })
			.where(eq(networkSuggestions.id, s.id));
		await recordActorAudit(tx, actor, {
			action: decision === 'accept' ? 'network.suggestion_accept' : 'network.suggestion_decline',
			entityType: 'network_suggestion',
			entityId: s.id,
			details: { suggestedBy: s.suggestedBy }
		});
	});
}
