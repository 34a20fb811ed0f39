import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAuditAlone } from '../audit/record-audit';
import { areasOf, resourcesOf } from './directory';
import { writeResourceCsv } from './resource-csv';

/** The site's directory as CSV; audited with the number of entries. */
export async function exportResources({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<string> {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const [entries, areas] = await Promise.all([resourcesOf(db, site.id), areasOf(db, site.id)]);
	await recordActorAuditAlone(db, actor, {
		action: 'resource.export',
		entityType: 'site',
		entityId: site.id,
		details: { entries: entries.length }
	});
	return writeResourceCsv(entries, areas);
}
