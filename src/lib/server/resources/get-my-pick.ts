import type { Db } from '../db/client';
import { notFound } from '../errors';
import type { Actor } from '../access/actor';
import { requireUuid } from '../validation';
import { listMyPicks } from './my-picks';

/** One of the member's own active picks, with its resource; "not found" for anything else. */
export async function getMyPick({
	db,
	actor,
	pickId,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	pickId: string;
	now?: Date;
}) {
	const id = requireUuid(pickId);
	const pick = (await listMyPicks({ db, actor, now })).find((p) => p.id === id);
	if (!pick) throw notFound();
	return pick;
}
