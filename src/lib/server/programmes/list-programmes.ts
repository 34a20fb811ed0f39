import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import { translationState, type TranslationState } from '../content/authoring';
import { pickLocale } from '../i18n/pick-locale';
import { groupMembers, groups } from '../groups/groups.schema';
import { groupProgrammes, programmeVersions } from './programmes.schema';
import { requireProgrammeEditor } from './programme-authoring';

export type ProgrammeAdminView = {
	id: string;
	slug: string;
	/** The published title in the reader's language (or another), else a draft's, else the slug. */
	title: string;
	kind: 'course' | 'ongoing';
	sessionCount: number | null;
	rhythm: 'weekly' | 'fortnightly' | 'monthly';
	/** How many of its groups are open. */
	groups: number;
	/** Per site language: published, published with a newer draft, draft only, or missing. */
	states: Record<string, TranslationState>;
	/**
	 * The programme's groups, open ones first, so a site admin can close one (names and head
	 * counts only: nothing members wrote). Empty for content editors, who do not run groups.
	 */
	groupList: { id: string; name: string; members: number; closedAt: Date | null }[];
};

/**
 * The site's group programmes with where each stands in every site language, for the people who
 * edit them (content editors, site admins); `canCreate` says whether the actor may add one.
 */
export async function listProgrammes({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string };
}): Promise<{
	locales: string[];
	programmes: ProgrammeAdminView[];
	/** Programmes without a published version, per site language. */
	missing: Record<string, number>;
	canCreate: boolean;
}> {
	const editor = requireProgrammeEditor(actor);
	const site = requireSite(editor);
	const programmes = await db
		.select()
		.from(groupProgrammes)
		.where(eq(groupProgrammes.siteId, site.id))
		.orderBy(asc(groupProgrammes.slug));
	const ids = programmes.map((p) => p.id);
	const [versions, used] =
		ids.length === 0
			? [[], []]
			: await Promise.all([
					// Newest version per programme, language and status.
					db
						.selectDistinctOn(
							[programmeVersions.programmeId, programmeVersions.locale, programmeVersions.status],
							{
								programmeId: programmeVersions.programmeId,
								locale: programmeVersions.locale,
								status: programmeVersions.status,
								version: programmeVersions.version,
								content: programmeVersions.content
							}
						)
						.from(programmeVersions)
						.where(inArray(programmeVersions.programmeId, ids))
						.orderBy(
							programmeVersions.programmeId,
							programmeVersions.locale,
							programmeVersions.status,
							desc(programmeVersions.version)
						),
					db
						.select({ programmeId: groups.programmeId, n: count() })
						.from(groups)
						.where(and(inArray(groups.programmeId, ids), isNull(groups.closedAt)))
						.groupBy(groups.programmeId)
				]);
	const canManage = mayUse(editor, 'programmes.manage');
	const groupRows =
		canManage && ids.length > 0
			? await db
					.select({
						programmeId: groups.programmeId,
						id: groups.id,
						name: groups.name,
						closedAt: groups.closedAt,
						members: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id} and ${groupMembers.status} = 'member')`
					})
					.from(groups)
					.where(and(inArray(groups.programmeId, ids), eq(groups.siteId, site.id)))
					.orderBy(sql`${groups.closedAt} is not null`, desc(groups.closedAt), asc(groups.name))
			: [];
	const missing = Object.fromEntries(site.locales.map((l) => [l, 0]));
	const result = programmes.map((p): ProgrammeAdminView => {
		const mine = versions.filter((v) => v.programmeId === p.id);
		const states: Record<string, TranslationState> = {};
		for (const locale of site.locales) {
			const state = translationState(mine, locale);
			states[locale] = state;
			if (state === 'draft' || state === 'missing') missing[locale] = (missing[locale] ?? 0) + 1;
		}
		const published = mine.filter((v) => v.status === 'published');
		const named = pickLocale(
			published.length > 0 ? published : mine,
			input.locale,
			site.defaultLocale
		);
		return {
			id: p.id,
			slug: p.slug,
			title: named?.content.title ?? p.slug,
			kind: p.kind,
			sessionCount: p.sessionCount,
			rhythm: p.rhythm,
			groups: Number(used.find((u) => u.programmeId === p.id)?.n ?? 0),
			states,
			groupList: groupRows
				.filter((g) => g.programmeId === p.id)
				.map(({ id, name, members, closedAt }) => ({ id, name, members, closedAt }))
		};
	});
	return {
		locales: site.locales,
		programmes: result,
		missing,
		canCreate: canManage
	};
}

/** What the "open a group" form offers: the site's programmes with their languages, and who may lead. */
export async function groupFormChoices({
	db,
	actor,
	locale
}: {
	db: Db;
	actor: Actor;
	locale: string;
}): Promise<{
	programmes: { id: string; title: string; locales: string[] }[];
}> {
	const site = requireSite(actor);
	const rows = await db
		.select({
			id: groupProgrammes.id,
			locale: programmeVersions.locale,
			content: programmeVersions.content
		})
		.from(groupProgrammes)
		.innerJoin(programmeVersions, eq(programmeVersions.programmeId, groupProgrammes.id))
		.where(and(eq(groupProgrammes.siteId, site.id), eq(programmeVersions.status, 'published')))
		.orderBy(desc(programmeVersions.version));
	const byId = new Map<
		string,
		{ id: string; title: string; locales: string[]; titleLocale: string }
	>();
	for (const r of rows) {
		const p = byId.get(r.id) ?? {
			id: r.id,
			title: r.content.title,
			locales: [],
			titleLocale: r.locale
		};
		if (!p.locales.includes(r.locale)) p.locales.push(r.locale);
		if (r.locale === locale && p.titleLocale !== locale) {
			p.title = r.content.title;
			p.titleLocale = locale;
		}
		byId.set(r.id, p);
	}
	return {
		programmes: [...byId.values()]
			.map(({ id, title, locales }) => ({
				id,
				title,
				locales: locales.filter((l) => site.locales.includes(l)).sort()
			}))
			.sort((a, b) => a.title.localeCompare(b.title))
	};
}
