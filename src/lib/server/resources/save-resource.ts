import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError, notFound } from '../errors';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { resources } from './resources.schema';
import { ZResourceFields } from './resources.validation';
import { areasOf } from './directory';
import { toResourceValues } from './resource-row';

export const ZSaveResourceInput = z.intersection(
	ZResourceFields,
	z.object({ resourceId: z.preprocess((v) => (v === '' ? undefined : v), zId.optional()) })
);
export type TSaveResourceInput = z.infer<typeof ZSaveResourceInput>;

/**
 * Adds an entry to the site's directory, or changes one (`resourceId`); audited. The name and
 * address together are unique on a site. Returns the entry's id.
 */
export async function saveResource({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TSaveResourceInput;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const fields = parseInput(ZSaveResourceInput, input);
	const id = fields.resourceId === undefined ? null : requireUuid(fields.resourceId);
	return db.transaction(async (tx) => {
		const row = toResourceValues(fields, await areasOf(tx, site.id));
		if (!row.ok) throw new AppError('invalid_input', { area: 'res_err_area' });
		const values = row.values;
		const [twin] = await tx
			.select({ id: resources.id })
			.from(resources)
			.where(
				and(
					eq(resources.siteId, site.id),
					eq(resources.name, values.name),
					eq(resources.address, values.address ?? ''),
					...(id ? [ne(resources.id, id)] : [])
				)
			);
		if (twin) throw new AppError('invalid_input', { name: 'res_err_duplicate' });
		if (id) {
			const done = await tx
				.update(resources)
				.set({ ...values, updatedAt: new Date() })
				.where(and(eq(resources.siteId, site.id), eq(resources.id, id)))
				.returning({ id: resources.id });
			if (done.length === 0) throw notFound();
			await recordActorAudit(tx, actor, {
				action: 'resource.update',
				entityType: 'resource',
				entityId: id
			});
			return { id };
		}
		const [made] = await tx
			.insert(resources)
			.values({ ...values, siteId: site.id })
			.returning({ id: resources.id });
		if (!made) throw new Error('resource insert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'resource.create',
			entityType: 'resource',
			entityId: made.id
		});
		return { id: made.id };
	});
}
