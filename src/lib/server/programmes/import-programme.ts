import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordAuditBy } from '../audit/record-audit';
import { notFound } from '../errors';
import { sites, type Site } from '../sites/sites.schema';
import { groupProgrammes, programmeVersions } from './programmes.schema';
import {
	parseProgramme,
	ProgrammeFormatError,
	type ParsedProgramme,
	type ProgrammeIssue
} from './parse-programme';

export type ImportProgrammeResult = {
	programmeId: string;
	created: boolean;
	versionsCreated: number;
	versionsUnchanged: number;
};

/** Every language of the programme must be one the site offers. */
export function programmeIssuesForSite(
	programme: ParsedProgramme,
	site: Pick<Site, 'slug' | 'locales'>
): ProgrammeIssue[] {
	return programme.texts
		.filter((t) => !site.locales.includes(t.locale))
		.map((t) => ({
			file: t.file,
			line: null,
			field: '',
			message: `site "${site.slug}" does not offer "${t.locale}" (it offers ${site.locales.join(', ')})`
		}));
}

/**
 * Writes a parsed programme into a site in one transaction: the programme is upserted by slug,
 * and a language gets a new published version only when its file differs from the published one.
 * Audited.
 */
export async function importProgramme({
	db,
	actor,
	siteId,
	programme,
	actorUserId = null
}: {
	db: Db;
	/** null only for the operator's command line and the demo seed. */
	actor: Actor | null;
	siteId: string;
	programme: ParsedProgramme;
	actorUserId?: string | null;
}): Promise<ImportProgrammeResult> {
	if (actor) {
		requireUseCase(actor, 'programmes.manage');
		if (requireSite(actor).id !== siteId) throw notFound();
	}
	const [site] = await db.select().from(sites).where(eq(sites.id, siteId)).limit(1);
	if (!site) throw notFound();
	const issues = programmeIssuesForSite(programme, site);
	if (issues.length > 0) throw new ProgrammeFormatError(issues);
	const createdBy = actor?.userId ?? actorUserId;

	return db.transaction(async (tx) => {
		const [existing] = await tx
			.select({ id: groupProgrammes.id })
			.from(groupProgrammes)
			.where(and(eq(groupProgrammes.siteId, siteId), eq(groupProgrammes.slug, programme.slug)))
			.limit(1);
		const structure = {
			kind: programme.kind,
			sessionCount: programme.sessionCount,
			rhythm: programme.rhythm
		};
		const [row] = await tx
			.insert(groupProgrammes)
			.values({ siteId, slug: programme.slug, ...structure })
			.onConflictDoUpdate({
				target: [groupProgrammes.siteId, groupProgrammes.slug],
				set: structure
			})
			.returning({ id: groupProgrammes.id });
		if (!row) throw new Error('programme upsert returned no row');
		let versionsCreated = 0;
		let versionsUnchanged = 0;
		for (const text of programme.texts) {
			const versions = await tx
				.select({
					version: programmeVersions.version,
					status: programmeVersions.status,
					source: programmeVersions.source
				})
				.from(programmeVersions)
				.where(
					and(eq(programmeVersions.programmeId, row.id), eq(programmeVersions.locale, text.locale))
				)
				.orderBy(desc(programmeVersions.version));
			// Compared with what groups show: a draft saved in the editor since is left as it is,
			// and a draft equal to the file does not stop the file from being published.
			if (versions.find((v) => v.status === 'published')?.source === text.source) {
				versionsUnchanged++;
				continue;
			}
			await tx.insert(programmeVersions).values({
				programmeId: row.id,
				locale: text.locale,
				version: (versions[0]?.version ?? 0) + 1,
				status: 'published',
				source: text.source,
				content: text.content,
				createdBy
			});
			versionsCreated++;
		}
		await recordAuditBy(tx, actor, {
			siteId,
			action: 'programme.import',
			entityType: 'programme',
			entityId: row.id,
			details: { slug: programme.slug, created: !existing, versionsCreated, versionsUnchanged }
		});
		return { programmeId: row.id, created: !existing, versionsCreated, versionsUnchanged };
	});
}

/** Reads, validates and imports one programme folder: what the command line and demo seed do. */
export async function importProgrammeFolder({
	folder,
	...rest
}: {
	db: Db;
	actor: Actor | null;
	siteId: string;
	folder: string;
	actorUserId?: string | null;
}): Promise<ImportProgrammeResult & { slug: string }> {
	const programme = await parseProgramme(folder);
	try {
		return { ...(await importProgramme({ ...rest, programme })), slug: programme.slug };
	} catch (e) {
		if (e instanceof ProgrammeFormatError) throw new ProgrammeFormatError(e.issues, folder);
		throw e;
	}
}
