import type { Tx } from '../db/client';
import { raiseSafetyAlert } from '../safety/raise-safety-alert';

/**
 * The one place a check-in answer that met an alert rule becomes a safety alert: the member's
 * assigned professional (else the site's on-call list) holds it, as for every other risk signal
 * (decision 0016). The member sees the site's crisis help at once on the page that follows.
 */
export async function signalCheckinRisk(
	tx: Tx,
	signal: { siteId: string; personId: string; responseId: string }
): Promise<void> {
	await raiseSafetyAlert(tx, {
		siteId: signal.siteId,
		personId: signal.personId,
		source: 'checkin',
		sourceId: signal.responseId,
		groupId: null,
		reason: 'answer_rule'
	});
}
