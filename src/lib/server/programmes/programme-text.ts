import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { programmeVersions, type ProgrammeContent } from './programmes.schema';

/**
 * The latest published text of a programme in a language, falling back to the site's default
 * language and then to any language, so a group never shows an empty page. `languages` names
 * every language it is published in, to offer when the one wanted is missing.
 */
export async function programmeText(
	tx: Db | Tx,
	programmeId: string,
	locale: string,
	fallback: string
): Promise<(ProgrammeContent & { locale: string; version: number; languages: string[] }) | null> {
	const rows = await tx
		.select({
			locale: programmeVersions.locale,
			version: programmeVersions.version,
			content: programmeVersions.content
		})
		.from(programmeVersions)
		.where(
			and(eq(programmeVersions.programmeId, programmeId), eq(programmeVersions.status, 'published'))
		)
		.orderBy(desc(programmeVersions.version));
	const pick =
		rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === fallback) ?? rows[0];
	const languages = [...new Set(rows.map((r) => r.locale))].sort();
	return pick ? { ...pick.content, locale: pick.locale, version: pick.version, languages } : null;
}

/** Titles of several programmes in a language (with the same fallbacks), by programme id. */
export async function programmeTitles(
	tx: Db | Tx,
	programmeIds: readonly string[],
	locale: string,
	fallback: string
): Promise<Map<string, string>> {
	const ids = [...new Set(programmeIds)];
	if (ids.length === 0) return new Map();
	const rows = await tx
		.select({
			programmeId: programmeVersions.programmeId,
			locale: programmeVersions.locale,
			content: programmeVersions.content
		})
		.from(programmeVersions)
		.where(
			and(inArray(programmeVersions.programmeId, ids), eq(programmeVersions.status, 'published'))
		)
		.orderBy(desc(programmeVersions.version));
	const titles = new Map<string, string>();
	for (const id of ids) {
		const mine = rows.filter((r) => r.programmeId === id);
		const pick =
			mine.find((r) => r.locale === locale) ?? mine.find((r) => r.locale === fallback) ?? mine[0];
		if (pick) titles.set(id, pick.content.title);
	}
	return titles;
}
