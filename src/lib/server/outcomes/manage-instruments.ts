import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { parseInput, zUuid } from '../validation';
import { instruments } from './outcomes.schema';

export type InstrumentRow = typeof instruments.$inferSelect;

/** The site's instruments, newest version first (site admin). */
export async function listInstruments({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<InstrumentRow[]> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	return db
		.select()
		.from(instruments)
		.where(eq(instruments.siteId, site.id))
		.orderBy(instruments.key, desc(instruments.version));
}

/** One instrument of the site, for its preview (site admin). */
export async function getInstrument({
	db,
	actor,
	id
}: {
	db: Db;
	actor: Actor | null;
	id: string;
}): Promise<InstrumentRow> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	const parsed = zUuid.safeParse(id);
	if (!parsed.success) throw notFound();
	const [row] = await db
		.select()
		.from(instruments)
		.where(and(eq(instruments.id, parsed.data), eq(instruments.siteId, site.id)));
	if (!row) throw notFound();
	return row;
}

export const ZPublishInstrumentInput = z.object({ instrumentId: zUuid });

/** Publishes a draft: it can then be scheduled and answered. Audited. */
export async function publishInstrument({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.infer<typeof ZPublishInstrumentInput>;
}): Promise<void> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	const { instrumentId } = parseInput(ZPublishInstrumentInput, input);
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(instruments)
			.set({ status: 'published', publishedAt: new Date() })
			.where(
				and(
					eq(instruments.id, instrumentId),
					eq(instruments.siteId, site.id),
					eq(instruments.status, 'draft')
				)
			)
			.returning({ id: instruments.id });
		if (!row) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'instrument.publish',
			entityType: 'instrument',
			entityId: row.id
		});
	});
}
