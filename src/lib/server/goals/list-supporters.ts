import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { supportersOnSite, type Supporter } from './supporters';

/**
 * The people of the member's site a goal can be shared with: peer workers, professionals and
 * carers, by display name and role. No health data is read, so nothing is audited.
 */
export async function listSupporters({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<Supporter[]> {
	requireUseCase(actor, 'goals.own');
	const site = requireSite(actor);
	return db.transaction((tx) => supportersOnSite(tx, site.id, { exceptUserId: actor.userId }));
}
