import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { requireUuid } from '../validation';
import { areasOf, resourceOf } from './directory';

/** One entry of the site's directory for its admin to edit, with the site's areas. */
export async function getResource({
	db,
	actor,
	resourceId
}: {
	db: Db;
	actor: Actor | null;
	resourceId: string | null;
}) {
	requireUseCase(actor, 'resources.manage');
	const site = requireSite(actor);
	const areas = await areasOf(db, site.id);
	if (resourceId === null) return { resource: null, areas };
	const resource = await resourceOf(db, site.id, requireUuid(resourceId));
	if (!resource) throw notFound();
	return { resource, areas };
}
