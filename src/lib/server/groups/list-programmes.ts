import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireAccess, requireSite, type Actor } from '../access/actor';
import {
	groupMembers,
	groupProgrammes,
	groups,
	programmeVersions,
	type ProgrammeContent
} from './groups.schema';

export type ProgrammeAdminView = {
	id: string;
	slug: string;
	kind: 'course' | 'ongoing';
	sessionCount: number | null;
	rhythm: 'weekly' | 'fortnightly' | 'monthly';
	/** How many of its groups are open. */
	groups: number;
	/** The programme's groups, open ones first, so a site admin can close one. */
	groupList: { id: string; name: string; members: number; closedAt: Date | null }[];
	/** The latest published version of each language, with how many versions it has had. */
	languages: {
		locale: string;
		version: number;
		versions: number;
		createdAt: Date;
		content: ProgrammeContent;
	}[];
};

/**
 * The site's group programmes with their languages and versions, and the groups running each
 * (names and head counts only: nothing members wrote), for site admins.
 */
export async function listProgrammes({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<ProgrammeAdminView[]> {
	requireAccess(actor, 'groups.manage');
	const site = requireSite(actor);
	const programmes = await db
		.select()
		.from(groupProgrammes)
		.where(eq(groupProgrammes.siteId, site.id))
		.orderBy(asc(groupProgrammes.slug));
	const result: ProgrammeAdminView[] = [];
	for (const p of programmes) {
		const versions = await db
			.select()
			.from(programmeVersions)
			.where(
				and(eq(programmeVersions.programmeId, p.id), eq(programmeVersions.status, 'published'))
			)
			.orderBy(asc(programmeVersions.locale), desc(programmeVersions.version));
		const groupList = await db
			.select({
				id: groups.id,
				name: groups.name,
				closedAt: groups.closedAt,
				members: sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id} and ${groupMembers.status} = 'member')`
			})
			.from(groups)
			.where(and(eq(groups.programmeId, p.id), eq(groups.siteId, site.id)))
			.orderBy(sql`${groups.closedAt} is not null`, desc(groups.closedAt), asc(groups.name));
		const languages: ProgrammeAdminView['languages'] = [];
		for (const v of versions) {
			const known = languages.find((l) => l.locale === v.locale);
			if (known) known.versions++;
			else
				languages.push({
					locale: v.locale,
					version: v.version,
					versions: 1,
					createdAt: v.createdAt,
					content: v.content
				});
		}
		result.push({
			id: p.id,
			slug: p.slug,
			kind: p.kind,
			sessionCount: p.sessionCount,
			rhythm: p.rhythm,
			// "Groups running it": a closed group no longer does.
			groups: groupList.filter((g) => !g.closedAt).length,
			groupList: groupList.map((g) => ({ ...g, members: Number(g.members) })),
			languages
		});
	}
	return result;
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
