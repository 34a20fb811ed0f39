import { z } from 'zod';
import { and, eq, max } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit, recordAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { instruments } from './outcomes.schema';
import { parseInstrument, type InstrumentProblem } from './parse-instrument';
import { shippedSpecs } from './shipped';
import type { Instrument } from './instrument';
import type { Questionnaire } from '@medplum/fhirtypes';

/** An instrument file's text, as uploaded or pasted (a FHIR Questionnaire is rarely over 1 MB). */
export const ZImportInstrumentInput = z.object({
	file: z.string('err_required').min(1, 'err_required').max(2_000_000, 'err_too_long')
});
export type TImportInstrumentInput = z.infer<typeof ZImportInstrumentInput>;

export type ImportResult =
	{ id: string; problems?: never } | { id?: never; problems: InstrumentProblem[] };

/** Stores a read instrument as the next draft version of its key on the site. */
export async function storeInstrument(
	tx: Tx,
	siteId: string,
	read: { instrument: Instrument; questionnaire: Questionnaire },
	importedBy: string | null,
	status: 'draft' | 'published' = 'draft'
): Promise<string> {
	const { instrument, questionnaire } = read;
	const [last] = await tx
		.select({ version: max(instruments.version) })
		.from(instruments)
		.where(and(eq(instruments.siteId, siteId), eq(instruments.key, instrument.key)));
	const [row] = await tx
		.insert(instruments)
		.values({
			siteId,
			key: instrument.key,
			version: (last?.version ?? 0) + 1,
			title: instrument.title,
			questionnaire,
			items: instrument.items,
			scoring: instrument.scoring,
			status,
			importedBy,
			publishedAt: status === 'published' ? new Date() : null
		})
		.returning({ id: instruments.id });
	if (!row) throw new Error('instrument insert returned nothing');
	return row.id;
}

/**
 * Reads an instrument file and, when it is sound, stores it as a draft for the site admin to
 * preview and publish. Returns every problem found (each naming its item) instead when it is not.
 * Audited.
 */
export async function importInstrument({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TImportInstrumentInput;
}): Promise<ImportResult> {
	requireUseCase(actor, 'outcomes.manage');
	const site = requireSite(actor);
	const { file } = parseInput(ZImportInstrumentInput, input);
	const read = parseInstrument(file, shippedSpecs);
	if (!read.ok) return { problems: read.problems };
	return db.transaction(async (tx) => {
		const id = await storeInstrument(tx, site.id, read, actor.userId);
		await recordActorAudit(tx, actor, {
			action: 'instrument.import',
			entityType: 'instrument',
			entityId: id,
			details: { key: read.instrument.key }
		});
		return { id };
	});
}

/**
 * An operator's import (`npm run kith -- instruments:import`): the same checks, stored as a draft
 * on the site, recorded in the audit trail as the operator's.
 */
export async function importInstrumentForSite({
	db,
	siteId,
	file,
	publish = false
}: {
	db: Db;
	siteId: string;
	file: string;
	publish?: boolean;
}): Promise<ImportResult & { key?: string }> {
	const read = parseInstrument(file, shippedSpecs);
	if (!read.ok) return { problems: read.problems };
	return db.transaction(async (tx) => {
		const id = await storeInstrument(tx, siteId, read, null, publish ? 'published' : 'draft');
		await recordAudit(tx, {
			actorUserId: null,
			actingRole: 'operator',
			siteId,
			action: publish ? 'instrument.publish' : 'instrument.import',
			entityType: 'instrument',
			entityId: id,
			outcome: 'success',
			ip: null,
			details: { key: read.instrument.key }
		});
		return { id, key: read.instrument.key };
	});
}
