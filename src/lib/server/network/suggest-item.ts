import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput, zId } from '../validation';
import { networkSuggestions } from './network.schema';
import { requireSharedWith } from './network-access';
import { sealNetworkText } from './network-text';
import { zCircle, zKind, zLabel } from './network.validation';

export const ZSuggestItemInput = z.object({
	memberId: zId,
	label: zLabel,
	kind: zKind,
	circle: zCircle
});

/**
 * A supporter suggests an addition to a map the member shares with them; it waits for the
 * member's approval. The label is encrypted. Audited.
 */
export async function suggestItem({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZSuggestItemInput>;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'network.read_shared');
	const site = requireSite(actor);
	const { memberId, label, kind, circle } = parseInput(ZSuggestItemInput, input);
	return app.db.transaction(async (tx) => {
		await requireSharedWith(tx, actor, site.id, memberId);
		const id = randomUUID();
		await tx.insert(networkSuggestions).values({
			id,
			siteId: site.id,
			memberId,
			suggestedBy: actor.userId,
			labelEncrypted: sealNetworkText(
				app.config.secret,
				{ ownerId: memberId, table: 'suggestion', id },
				label
			),
			kind,
			circle
		});
		await recordActorAudit(tx, actor, {
			action: 'network.suggest',
			entityType: 'network_suggestion',
			entityId: id,
			details: { memberId }
		});
		return { id };
	});
}
