import type { Tx } from '../db/client';

/**
 * The member's assigned professional (their person id), or null. The care team is another
 * capability's; until it is wired in here (its `assignedProfessionalOf`) nobody is assigned, so an
 * alert outside a group goes to the site's on-call list. This is the one place that asks.
 */
export async function responsibleProfessionalOf(
	tx: Tx,
	who: { siteId: string; memberId: string }
): Promise<string | null> {
	void tx;
	void who;
	return null;
}
