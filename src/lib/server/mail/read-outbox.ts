import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import type { Mailer, OutboxEntry } from './mailer';

/**
 * The mail Kith kept for the actor's site because no mail server is set up; null when mail is
 * really sent. Reading it is audited: messages carry addresses and sign-in links.
 */
export async function readOutbox({
	app,
	actor
}: {
	app: { db: Db; mailer: Mailer };
	actor: Actor | null;
}): Promise<OutboxEntry[] | null> {
	requireUseCase(actor, 'site.outbox');
	const site = requireSite(actor);
	const outbox = app.mailer.outbox;
	if (!outbox) return null;
	return app.db.transaction(async (tx) => {
		const entries = outbox(site.id);
		await recordActorAudit(tx, actor, {
			action: 'outbox.read',
			entityType: 'site',
			entityId: site.id,
			details: { count: entries.length }
		});
		return entries;
	});
}
