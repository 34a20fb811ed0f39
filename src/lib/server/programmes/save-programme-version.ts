import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import type { TSaveSourceForm } from '../content/source-forms';
import { programmeVersions } from './programmes.schema';
import {
	checkProgrammeText,
	newestProgrammeVersion,
	programmeForEditing
} from './programme-authoring';

/**
 * Saves a programme text in one language as a new version: a draft, or published for the groups
 * held in that language. The same checks as a folder import first; nothing is written when one
 * fails.
 */
export async function saveProgrammeVersion({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: Omit<TSaveSourceForm, 'lang'> & { programme: string; locale: string };
}): Promise<{ version: number; status: 'draft' | 'published' }> {
	const editing = await programmeForEditing(db, actor, input);
	const { programme } = editing;
	const checked = await checkProgrammeText(db, {
		programme,
		locale: input.locale,
		source: input.source
	});
	return db.transaction(async (tx) => {
		const latest = await newestProgrammeVersion(tx, programme.id, input.locale);
		const version = (latest?.version ?? 0) + 1;
		await tx.insert(programmeVersions).values({
			programmeId: programme.id,
			locale: input.locale,
			version,
			status: input.status,
			source: checked.source,
			content: checked.content,
			createdBy: editing.actor.userId
		});
		await recordActorAudit(tx, editing.actor, {
			action: input.status === 'published' ? 'programme.publish' : 'programme.save_draft',
			entityType: 'programme',
			entityId: programme.id,
			details: { locale: input.locale, version }
		});
		return { version, status: input.status };
	});
}
