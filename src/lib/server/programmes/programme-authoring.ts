// Queries and checks the programme editor's use cases share: who may edit, one programme by slug,
// the newest version of a language, and a language file checked as the folder import checks it.
// Nothing here writes; the use cases do that after these checks.
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { localeNotOffered } from '../content/authoring';
import { renderMarkdown } from '../content/render-markdown';
import { notFound } from '../errors';
import type { Site } from '../sites/sites.schema';
import { groupProgrammes, programmeVersions, type ProgrammeContent } from './programmes.schema';
import { parseProgrammeText, ProgrammeFormatError, type ProgrammeIssue } from './parse-programme';

type Q = Db | Tx;
export type Programme = typeof groupProgrammes.$inferSelect;

/**
 * Programme texts are content: content editors write and translate them, as they do lessons, and
 * site admins (who run groups) may too. Anyone else: "not found".
 */
export function requireProgrammeEditor(actor: Actor | null): Actor {
	requireUseCase(actor, 'programmes.edit');
	return actor;
}

/** A programme of the actor's site by slug, or "not found". */
export async function findProgramme(db: Q, siteId: string, slug: string): Promise<Programme> {
	const [row] = await db
		.select()
		.from(groupProgrammes)
		.where(and(eq(groupProgrammes.siteId, siteId), eq(groupProgrammes.slug, slug)))
		.limit(1);
	if (!row) throw notFound();
	return row;
}

/**
 * The editor's starting point for every use case: an editor of the site's content, a programme of
 * that site (anything else: not found) and a language the site offers.
 */
export async function programmeForEditing(
	db: Q,
	actor: Actor | null,
	input: { programme: string; locale: string }
): Promise<{ site: Site; actor: Actor; programme: Programme }> {
	const editor = requireProgrammeEditor(actor);
	const site = requireSite(editor);
	const programme = await findProgramme(db, site.id, input.programme);
	if (!site.locales.includes(input.locale)) throw localeNotOffered();
	return { site, actor: editor, programme };
}

/** The newest version of a programme in one language, any status. */
export async function newestProgrammeVersion(db: Q, programmeId: string, locale: string) {
	const [row] = await db
		.select()
		.from(programmeVersions)
		.where(
			and(eq(programmeVersions.programmeId, programmeId), eq(programmeVersions.locale, locale))
		)
		.orderBy(desc(programmeVersions.version))
		.limit(1);
	return row;
}

/**
 * A language file checked as the folder import checks it (front matter, sessions against the
 * programme's structure, links), plus fidelity item keys equal to the newest version in every
 * other language: session logs store answers by key. Throws ProgrammeFormatError naming line and
 * field for each problem.
 */
export async function checkProgrammeText(
	db: Q,
	input: { programme: Programme; locale: string; source: string }
): Promise<{ source: string; content: ProgrammeContent }> {
	const { programme, locale } = input;
	const issues: ProgrammeIssue[] = [];
	const parsed = parseProgrammeText(`${locale}.md`, input.source, programme, issues);
	if (!parsed) throw new ProgrammeFormatError(issues);
	const others = await db
		.selectDistinctOn([programmeVersions.locale], {
			locale: programmeVersions.locale,
			content: programmeVersions.content
		})
		.from(programmeVersions)
		.where(
			and(eq(programmeVersions.programmeId, programme.id), ne(programmeVersions.locale, locale))
		)
		.orderBy(programmeVersions.locale, desc(programmeVersions.version));
	const keys = (c: ProgrammeContent) => c.fidelityItems.map((i) => i.key).join(', ');
	const have = keys(parsed.content);
	const other = others.find((o) => keys(o.content) !== have);
	if (other)
		throw new ProgrammeFormatError([
			{
				file: parsed.file,
				// Front matter keys start their line, so the first "fidelityItems:" is the field's.
				line: lineOfKey(parsed.source, 'fidelityItems'),
				field: 'fidelityItems',
				message: `keys must match the "${other.locale}" version in the same order: expected [${keys(other.content)}], found [${have}]`
			}
		]);
	return { source: parsed.source, content: parsed.content };
}

function lineOfKey(source: string, key: string): number | null {
	const i = source.split('\n').findIndex((l) => l.startsWith(`${key}:`));
	return i < 0 ? null : i + 1;
}

/** A programme text as its groups show it: summary, agreement, checklist, session themes and guides. */
export type ProgrammePreview = {
	title: string;
	summary: string;
	agreementHtml: string;
	fidelityItems: string[];
	sessions: { number: number; theme: string; guideHtml: string }[];
};

/** Markdown rendered and sanitised as the group pages render it (render-markdown.ts). */
export function previewOf(content: ProgrammeContent): ProgrammePreview {
	return {
		title: content.title,
		summary: content.summary,
		agreementHtml: renderMarkdown(content.agreement).html,
		fidelityItems: content.fidelityItems.map((f) => f.label),
		sessions: content.sessions.map((s) => ({
			number: s.number,
			theme: s.theme,
			guideHtml: renderMarkdown(s.guide).html
		}))
	};
}
