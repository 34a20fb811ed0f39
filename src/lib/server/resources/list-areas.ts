import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireAnyUseCase } from './resource-access';
import { areasOf } from './directory';

/** The site's areas (name and centre), for a member choosing where they are or an admin. */
export async function listAreas({ db, actor }: { db: Db; actor: Actor | null }) {
	requireAnyUseCase(actor);
	const site = requireSite(actor);
	return areasOf(db, site.id);
}
