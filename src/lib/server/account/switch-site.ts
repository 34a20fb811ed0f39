import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { session } from '../db/auth.schema';
import { memberships } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { zUuid } from '../validation';

export const ZSwitchSiteInput = z.object({ siteId: zUuid });
export type TSwitchSiteInput = z.infer<typeof ZSwitchSiteInput>;

/**
 * Makes another of the person's sites the one this session works in. A site where they hold no
 * role answers "not found", exactly like a site that does not exist.
 */
export async function switchSite({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor;
	input: TSwitchSiteInput;
}): Promise<{ name: string }> {
	return db.transaction(async (tx) => {
		const [site] = await tx
			.select({ id: sites.id, name: sites.name })
			.from(memberships)
			.innerJoin(sites, eq(sites.id, memberships.siteId))
			.where(
				and(
					eq(memberships.userId, actor.userId),
					eq(memberships.siteId, input.siteId),
					isNull(memberships.suspendedAt)
				)
			)
			.limit(1);
		if (!site) throw notFound();
		const updated = await tx
			.update(session)
			.set({ activeSiteId: site.id })
			.where(and(eq(session.id, actor.sessionId), eq(session.userId, actor.userId)))
			.returning({ id: session.id });
		if (updated.length === 0) throw notFound();
		await recordActorAudit(tx, actor, {
			siteId: site.id,
			action: 'site.switch',
			entityType: 'site',
			entityId: site.id,
			details: { fromSiteId: actor.site?.id ?? null }
		});
		return { name: site.name };
	});
}
