// The moderation queue is the site's: only moderators of the site reach it, and an item of
// another site is "not found".
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import type { Site } from '../sites/sites.schema';
import { moderationItems } from './moderation.schema';
import { profiles } from '../people/people.schema';
import { isUuid } from '../validation';

export type ModerationItem = typeof moderationItems.$inferSelect;

export function requireModerator(actor: Actor | null): { actor: Actor; site: Site } {
	requireUseCase(actor, 'moderation.queue');
	return { actor, site: requireSite(actor) };
}

export async function itemOf(tx: Tx | Db, siteId: string, itemId: string): Promise<ModerationItem> {
	if (!isUuid(itemId)) throw notFound();
	const [item] = await tx
		.select()
		.from(moderationItems)
		.where(and(eq(moderationItems.id, itemId), eq(moderationItems.siteId, siteId)))
		.limit(1);
	if (!item) throw notFound();
	return item;
}

/** Real name and pseudonym: a moderator's role needs to know who wrote what. */
export type Identity = { name: string; pseudonym: string | null };

export async function identities(
	tx: Tx | Db,
	userIds: readonly (string | null)[]
): Promise<Map<string, Identity>> {
	const ids = [...new Set(userIds.filter((id): id is string => !!id))];
	if (ids.length === 0) return new Map();
	const rows = await tx
		.select({
			userId: profiles.userId,
			name: profiles.displayName,
			pseudonym: profiles.pseudonym
		})
		.from(profiles)
		.where(inArray(profiles.userId, ids));
	return new Map(rows.map((r) => [r.userId, { name: r.name, pseudonym: r.pseudonym }]));
}
