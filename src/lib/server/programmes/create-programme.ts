import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { slugPattern } from '../content/front-matter';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { groupProgrammes, programmeVersions } from './programmes.schema';

export const ZCreateProgrammeInput = z.object({
	template: z.string('err_required').min(1, 'err_required').max(64, 'err_invalid'),
	slug: z
		.string('err_required')
		.trim()
		.min(1, 'err_required')
		.max(64, 'err_too_long')
		.regex(slugPattern, 'programme_err_slug')
});
export type TCreateProgrammeInput = z.infer<typeof ZCreateProgrammeInput>;

/**
 * A new programme made from a template, one of the site's programmes (a shipped one such as the
 * ten-session course or the ongoing peer circle, or any other): the same structure, and in every
 * language the template's published text (or its newest draft where none is published) as a
 * first draft. Drafts never reach groups, so nothing shows until an editor publishes a language.
 */
export async function createProgramme({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TCreateProgrammeInput;
}): Promise<{ slug: string; locales: string[] }> {
	requireUseCase(actor, 'programmes.manage');
	const site = requireSite(actor);
	const [template] = await db
		.select()
		.from(groupProgrammes)
		.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.slug, input.template)))
		.limit(1);
	if (!template) throw new AppError('invalid_input', { template: 'programme_err_template' });
	// One row per language: 'published' sorts after 'draft', so descending puts it first.
	const texts = await db
		.selectDistinctOn([programmeVersions.locale], {
			locale: programmeVersions.locale,
			source: programmeVersions.source,
			content: programmeVersions.content
		})
		.from(programmeVersions)
		.where(eq(programmeVersions.programmeId, template.id))
		.orderBy(
			asc(programmeVersions.locale),
			desc(programmeVersions.status),
			desc(programmeVersions.version)
		);
	const copied = texts.filter((t) => site.locales.includes(t.locale));
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(groupProgrammes)
			.values({
				siteId: site.id,
				slug: input.slug,
				kind: template.kind,
				sessionCount: template.sessionCount,
				rhythm: template.rhythm
			})
			.onConflictDoNothing({ target: [groupProgrammes.siteId, groupProgrammes.slug] })
			.returning({ id: groupProgrammes.id });
		if (!row) throw new AppError('conflict', { slug: 'programme_err_slug_taken' });
		if (copied.length > 0)
			await tx.insert(programmeVersions).values(
				copied.map((t) => ({
					programmeId: row.id,
					locale: t.locale,
					version: 1,
					status: 'draft' as const,
					source: t.source,
					content: t.content,
					createdBy: actor.userId
				}))
			);
		await recordActorAudit(tx, actor, {
			action: 'programme.create',
			entityType: 'programme',
			entityId: row.id,
			details: { slug: input.slug, template: template.slug, languages: copied.length }
		});
		return { slug: input.slug, locales: copied.map((t) => t.locale) };
	});
}
