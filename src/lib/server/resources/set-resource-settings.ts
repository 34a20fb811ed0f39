import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { resourceSettings } from './resources.schema';
import { ZResourceSettingsInput } from './resources.validation';

/** Sets when an unchecked entry is flagged as stale and when a pick's follow-up comes; audited. */
export async function setResourceSettings({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZResourceSettingsInput>;
}): Promise<void> {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const settings = parseInput(ZResourceSettingsInput, input);
	await db.transaction(async (tx) => {
		await tx
			.insert(resourceSettings)
			.values({ siteId: site.id, ...settings })
			.onConflictDoUpdate({ target: resourceSettings.siteId, set: settings });
		await recordActorAudit(tx, actor, {
			action: 'resource.settings_update',
			entityType: 'site',
			entityId: site.id,
			details: settings
		});
	});
}
