import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { parseInput } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import { dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { resources } from './resources.schema';
import { areasOf } from './directory';
import { readResourceCsv, type CsvIssue } from './resource-csv';

/** A CSV file's text as the confirm form sends it back (at most about 2 MB). */
export const ZImportResourcesInput = z.object({
	csv: z
		.string('res_csv_err_no_file')
		.min(1, 'res_csv_err_no_file')
		.max(2_000_000, 'res_csv_err_too_big')
});

export type ImportPreview = {
	issues: CsvIssue[];
	/** Rows that would add a new entry, and rows that would replace one of the same name and address. */
	added: number;
	replaced: number;
	names: string[];
};

async function readAgainstSite(db: Db, actor: Actor, csv: string, now: Date) {
	const site = requireSite(actor);
	const areas = await areasOf(db, site.id);
	const read = readResourceCsv(csv, areas, dayOf(now, siteZoneOf(site)));
	const existing = new Set(
		(
			await db
				.select({ name: resources.name, address: resources.address })
				.from(resources)
				.where(eq(resources.siteId, site.id))
		).map((r) => `${r.name}\u0000${r.address}`)
	);
	const replaced = read.rows.filter((r) =>
		existing.has(`${r.name}\u0000${r.address ?? ''}`)
	).length;
	return { site, read, replaced };
}

/** What importing a file would do, with every problem by row and column; writes nothing. */
export async function previewResourceImport({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZImportResourcesInput>;
	now?: Date;
}): Promise<ImportPreview> {
	requireUseCase(actor, 'resources.manage');
	const { csv } = parseInput(ZImportResourcesInput, input);
	const { read, replaced } = await readAgainstSite(db, actor, csv, now);
	return {
		issues: read.issues,
		added: read.rows.length - replaced,
		replaced,
		names: read.rows.map((r) => r.name)
	};
}

/**
 * Imports a whole file once confirmed: every row is added, or replaces the entry of the same name
 * and address, in one transaction; a file with any problem saves nothing. Audited with counts.
 */
export async function importResources({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZImportResourcesInput>;
	now?: Date;
}): Promise<{ added: number; replaced: number }> {
	requireUseCase(actor, 'resources.manage');
	const { csv } = parseInput(ZImportResourcesInput, input);
	const { site, read, replaced } = await readAgainstSite(db, actor, csv, now);
	if (read.issues.length > 0) throw new AppError('invalid_input', { csv: 'res_csv_err_not_clean' });
	return db.transaction(async (tx) => {
		for (const row of read.rows)
			await tx
				.insert(resources)
				.values({ ...row, siteId: site.id })
				.onConflictDoUpdate({
					target: [resources.siteId, resources.name, resources.address],
					set: { ...row, updatedAt: now }
				});
		const added = read.rows.length - replaced;
		await recordActorAudit(tx, actor, {
			action: 'resource.import',
			entityType: 'site',
			entityId: site.id,
			details: { added, replaced }
		});
		return { added, replaced };
	});
}
