import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import {
	checkProgrammeText,
	previewOf,
	programmeForEditing,
	type ProgrammePreview
} from './programme-authoring';

/**
 * A programme text rendered as its groups would show it, without saving anything. Throws
 * ProgrammeFormatError (line and field per problem) when the text would not save either.
 */
export async function previewProgramme({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { programme: string; locale: string; source: string };
}): Promise<ProgrammePreview> {
	const { programme } = await programmeForEditing(db, actor, input);
	const checked = await checkProgrammeText(db, {
		programme,
		locale: input.locale,
		source: input.source
	});
	return previewOf(checked.content);
}
