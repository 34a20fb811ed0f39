import type { Tx } from '../db/client';

/**
 * The member's assigned professional (their person id), or null. The ONE call site for the care
 * team's `assignedProfessionalOf` (H8, care-team/): until it is merged nobody is assigned, so a
 * restricted network leaves no note. The lead replaces this body at merge.
 */
export async function responsibleProfessionalOf(
	_tx: Tx,
	_who: { siteId: string; memberId: string }
): Promise<string | null> {
	return null;
}
