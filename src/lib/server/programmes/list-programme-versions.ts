import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { user } from '../db/auth.schema';
import type { History } from '../content/authoring';
import { programmeVersions } from './programmes.schema';
import { previewOf, programmeForEditing, type ProgrammePreview } from './programme-authoring';

/**
 * A programme's versions in one language, newest first: who saved each, when, draft or published;
 * and (when `view` names one) that version as its groups would show it.
 */
export async function listProgrammeVersions({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { programme: string; locale: string; view?: number | undefined };
}): Promise<History<ProgrammePreview>> {
	const { programme } = await programmeForEditing(db, actor, input);
	const rows = await db
		.select({
			version: programmeVersions.version,
			status: programmeVersions.status,
			author: user.name,
			createdAt: programmeVersions.createdAt,
			content: programmeVersions.content
		})
		.from(programmeVersions)
		.leftJoin(user, eq(user.id, programmeVersions.createdBy))
		.where(
			and(
				eq(programmeVersions.programmeId, programme.id),
				eq(programmeVersions.locale, input.locale)
			)
		)
		.orderBy(desc(programmeVersions.version));
	const viewed = rows.find((r) => r.version === input.view);
	return {
		versions: rows.map(({ version, status, author, createdAt }) => ({
			version,
			status,
			author,
			createdAt
		})),
		viewed: viewed ? { version: viewed.version, shown: previewOf(viewed.content) } : null
	};
}
