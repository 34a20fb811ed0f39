import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { activePicksOf, isDue } from './picks';

/** The member's own picks (at most three) with their resources, and whether a follow-up waits. */
export async function listMyPicks({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}) {
	requireUseCase(actor, 'resources.own');
	const site = requireSite(actor);
	const rows = await activePicksOf(db, site.id, actor.userId);
	return rows.map(({ pick, resource }) => ({ ...pick, resource, due: isDue(pick, now) }));
}
