import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { resources } from './resources.schema';

export const ZMarkCheckedInput = z.object({ resourceId: zId });

/** Records that an entry's details were checked today (site's calendar); audited. */
export async function markResourceChecked({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZMarkCheckedInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const id = requireUuid(parseInput(ZMarkCheckedInput, input).resourceId);
	await db.transaction(async (tx) => {
		const done = await tx
			.update(resources)
			.set({ lastCheckedOn: dayOf(now, siteZoneOf(site)), updatedAt: now })
			.where(and(eq(resources.siteId, site.id), eq(resources.id, id)))
			.returning({ id: resources.id });
		if (done.length === 0) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'resource.check',
			entityType: 'resource',
			entityId: id
		});
	});
}
