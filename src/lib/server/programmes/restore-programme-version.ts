import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { programmeVersions } from './programmes.schema';
import { newestProgrammeVersion, programmeForEditing } from './programme-authoring';

/**
 * Copies an earlier version of a programme in one language into a new draft, so it can be checked
 * and published again; groups keep showing the published version meanwhile.
 */
export async function restoreProgrammeVersion({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { programme: string; locale: string; version: number };
}): Promise<{ version: number }> {
	const editing = await programmeForEditing(db, actor, input);
	const { programme } = editing;
	return db.transaction(async (tx) => {
		const [old] = await tx
			.select()
			.from(programmeVersions)
			.where(
				and(
					eq(programmeVersions.programmeId, programme.id),
					eq(programmeVersions.locale, input.locale),
					eq(programmeVersions.version, input.version)
				)
			)
			.limit(1);
		if (!old) throw notFound();
		const version =
			((await newestProgrammeVersion(tx, programme.id, input.locale))?.version ?? 0) + 1;
		await tx.insert(programmeVersions).values({
			programmeId: programme.id,
			locale: input.locale,
			version,
			status: 'draft',
			source: old.source,
			content: old.content,
			createdBy: editing.actor.userId
		});
		await recordActorAudit(tx, editing.actor, {
			action: 'programme.restore',
			entityType: 'programme',
			entityId: programme.id,
			details: { locale: input.locale, from: input.version, version }
		});
		return { version };
	});
}
